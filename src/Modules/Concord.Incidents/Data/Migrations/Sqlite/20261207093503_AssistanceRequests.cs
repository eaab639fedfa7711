using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Incidents.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssistanceRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incidents_request_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    actor_org_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    text = table.Column<string>(type: "TEXT", nullable: true),
                    stage = table.Column<int>(type: "INTEGER", nullable: true),
                    at_us = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents_request_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incidents_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requester_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    receiver_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    urgency = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    norm = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    owner = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    created_us = table.Column<long>(type: "INTEGER", nullable: false),
                    acknowledge_by_us = table.Column<long>(type: "INTEGER", nullable: false),
                    respond_by_us = table.Column<long>(type: "INTEGER", nullable: false),
                    acknowledged_us = table.Column<long>(type: "INTEGER", nullable: true),
                    resolved_us = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_us = table.Column<long>(type: "INTEGER", nullable: false),
                    escalation_stage = table.Column<int>(type: "INTEGER", nullable: false),
                    escalate_at_us = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents_requests", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_request_events_request",
                table: "incidents_request_events",
                columns: new[] { "request_id", "at_us" });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_requests_case",
                table: "incidents_requests",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_requests_created",
                table: "incidents_requests",
                column: "created_us");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_requests_escalate",
                table: "incidents_requests",
                column: "escalate_at_us");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_requests_receiver",
                table: "incidents_requests",
                columns: new[] { "receiver_org_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_requests_requester",
                table: "incidents_requests",
                column: "requester_org_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incidents_request_events");

            migrationBuilder.DropTable(
                name: "incidents_requests");
        }
    }
}
