using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Feeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "intel_feeds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_org_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    columns_json = table.Column<string>(type: "text", nullable: true),
                    tlp = table.Column<int>(type: "integer", nullable: false),
                    scope = table.Column<int>(type: "integer", nullable: false),
                    sharing_group_id = table.Column<Guid>(type: "uuid", nullable: true),
                    interval_minutes = table.Column<int>(type: "integer", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_us = table.Column<long>(type: "bigint", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    next_run_us = table.Column<long>(type: "bigint", nullable: false),
                    running_since_us = table.Column<long>(type: "bigint", nullable: true),
                    etag = table.Column<string>(type: "text", nullable: true),
                    last_modified = table.Column<string>(type: "text", nullable: true),
                    last_started_us = table.Column<long>(type: "bigint", nullable: true),
                    last_finished_us = table.Column<long>(type: "bigint", nullable: true),
                    last_requests = table.Column<int>(type: "integer", nullable: false),
                    last_events_fetched = table.Column<int>(type: "integer", nullable: false),
                    last_events_skipped = table.Column<int>(type: "integer", nullable: false),
                    last_events_failed = table.Column<int>(type: "integer", nullable: false),
                    last_stored = table.Column<long>(type: "bigint", nullable: false),
                    last_duplicates = table.Column<long>(type: "bigint", nullable: false),
                    last_rejected = table.Column<long>(type: "bigint", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intel_feeds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "intel_feed_events",
                columns: table => new
                {
                    feed_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_uuid = table.Column<string>(type: "text", nullable: false),
                    timestamp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intel_feed_events", x => new { x.feed_id, x.event_uuid });
                    table.ForeignKey(
                        name: "FK_intel_feed_events_intel_feeds_feed_id",
                        column: x => x.feed_id,
                        principalTable: "intel_feeds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_intel_feeds_due",
                table: "intel_feeds",
                column: "next_run_us");

            migrationBuilder.CreateIndex(
                name: "ux_intel_feeds_name",
                table: "intel_feeds",
                columns: new[] { "owner_org_id", "name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "intel_feed_events");

            migrationBuilder.DropTable(
                name: "intel_feeds");
        }
    }
}
