using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Incidents.Data.Migrations.Postgres
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    actor_org_id = table.Column<Guid>(type: "uuid", nullable: true),
                    text = table.Column<string>(type: "text", nullable: true),
                    stage = table.Column<int>(type: "integer", nullable: true),
                    at_us = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents_request_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incidents_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requester_org_id = table.Column<Guid>(type: "uuid", nullable: false),
                    receiver_org_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    urgency = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    norm = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    owner = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    created_us = table.Column<long>(type: "bigint", nullable: false),
                    acknowledge_by_us = table.Column<long>(type: "bigint", nullable: false),
                    respond_by_us = table.Column<long>(type: "bigint", nullable: false),
                    acknowledged_us = table.Column<long>(type: "bigint", nullable: true),
                    resolved_us = table.Column<long>(type: "bigint", nullable: true),
                    updated_us = table.Column<long>(type: "bigint", nullable: false),
                    escalation_stage = table.Column<int>(type: "integer", nullable: false),
                    escalate_at_us = table.Column<long>(type: "bigint", nullable: true)
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
