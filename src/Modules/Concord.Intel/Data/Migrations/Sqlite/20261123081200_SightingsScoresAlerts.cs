using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SightingsScoresAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "intel_alert_settings",
                columns: table => new
                {
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    enabled_since_us = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_us = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intel_alert_settings", x => x.organisation_id);
                });

            migrationBuilder.CreateTable(
                name: "intel_alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    object_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    key = table.Column<byte[]>(type: "BLOB", nullable: false),
                    reported_us = table.Column<long>(type: "INTEGER", nullable: false),
                    reporter_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tlp = table.Column<int>(type: "INTEGER", nullable: false),
                    scope = table.Column<int>(type: "INTEGER", nullable: false),
                    audience_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intel_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "intel_follower_marks",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    position = table.Column<long>(type: "INTEGER", nullable: false),
                    fingerprint = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intel_follower_marks", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "intel_scores",
                columns: table => new
                {
                    stix_id = table.Column<string>(type: "TEXT", nullable: false),
                    owner_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    @base = table.Column<double>(name: "base", type: "REAL", nullable: false),
                    ref_us = table.Column<long>(type: "INTEGER", nullable: false),
                    until_us = table.Column<long>(type: "INTEGER", nullable: false),
                    false_positives = table.Column<int>(type: "INTEGER", nullable: false),
                    sightings = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intel_scores", x => new { x.stix_id, x.owner_org_id });
                });

            migrationBuilder.CreateTable(
                name: "intel_sightings",
                columns: table => new
                {
                    stix_id = table.Column<string>(type: "TEXT", nullable: false),
                    owner_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    version_us = table.Column<long>(type: "INTEGER", nullable: false),
                    target_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false),
                    first_seen_us = table.Column<long>(type: "INTEGER", nullable: true),
                    last_seen_us = table.Column<long>(type: "INTEGER", nullable: true),
                    anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    revoked = table.Column<bool>(type: "INTEGER", nullable: false),
                    tlp = table.Column<int>(type: "INTEGER", nullable: false),
                    scope = table.Column<int>(type: "INTEGER", nullable: false),
                    audience_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intel_sightings", x => new { x.stix_id, x.owner_org_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_intel_alerts_owner",
                table: "intel_alerts",
                columns: new[] { "owner_org_id", "reported_us" });

            migrationBuilder.CreateIndex(
                name: "ux_intel_alerts_once",
                table: "intel_alerts",
                columns: new[] { "owner_org_id", "object_id", "key", "reporter_org_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_intel_scores_ref",
                table: "intel_scores",
                column: "ref_us");

            migrationBuilder.CreateIndex(
                name: "ix_intel_sightings_seq",
                table: "intel_sightings",
                column: "seq");

            migrationBuilder.CreateIndex(
                name: "ix_intel_sightings_target",
                table: "intel_sightings",
                columns: new[] { "target_id", "seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "intel_alert_settings");

            migrationBuilder.DropTable(
                name: "intel_alerts");

            migrationBuilder.DropTable(
                name: "intel_follower_marks");

            migrationBuilder.DropTable(
                name: "intel_scores");

            migrationBuilder.DropTable(
                name: "intel_sightings");
        }
    }
}
