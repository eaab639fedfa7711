using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "intel_import_jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    policy = table.Column<int>(type: "INTEGER", nullable: false),
                    tlp = table.Column<int>(type: "INTEGER", nullable: true),
                    scope = table.Column<int>(type: "INTEGER", nullable: true),
                    audience_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    spool_file = table.Column<string>(type: "TEXT", nullable: false),
                    bytes_total = table.Column<long>(type: "INTEGER", nullable: false),
                    processed = table.Column<long>(type: "INTEGER", nullable: false),
                    stored = table.Column<long>(type: "INTEGER", nullable: false),
                    duplicates = table.Column<long>(type: "INTEGER", nullable: false),
                    rejected = table.Column<long>(type: "INTEGER", nullable: false),
                    checkpoint = table.Column<int>(type: "INTEGER", nullable: false),
                    errors_json = table.Column<string>(type: "TEXT", nullable: false),
                    errors_truncated = table.Column<bool>(type: "INTEGER", nullable: false),
                    failure = table.Column<string>(type: "TEXT", nullable: true),
                    created_us = table.Column<long>(type: "INTEGER", nullable: false),
                    started_us = table.Column<long>(type: "INTEGER", nullable: true),
                    finished_us = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intel_import_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stix_objects",
                columns: table => new
                {
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    stix_id = table.Column<string>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", nullable: false),
                    spec_version = table.Column<string>(type: "TEXT", nullable: true),
                    created = table.Column<string>(type: "TEXT", nullable: true),
                    modified = table.Column<string>(type: "TEXT", nullable: true),
                    created_us = table.Column<long>(type: "INTEGER", nullable: true),
                    modified_us = table.Column<long>(type: "INTEGER", nullable: true),
                    version_us = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_ref = table.Column<string>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", nullable: true),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    labels = table.Column<string>(type: "TEXT", nullable: true),
                    latest = table.Column<bool>(type: "INTEGER", nullable: false),
                    date_added_us = table.Column<long>(type: "INTEGER", nullable: false),
                    owner_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tlp = table.Column<int>(type: "INTEGER", nullable: false),
                    scope = table.Column<int>(type: "INTEGER", nullable: false),
                    audience_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    json = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stix_objects", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "stix_tombstones",
                columns: table => new
                {
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    stix_id = table.Column<string>(type: "TEXT", nullable: false),
                    last_modified = table.Column<string>(type: "TEXT", nullable: true),
                    last_version_us = table.Column<long>(type: "INTEGER", nullable: false),
                    deleted_at_us = table.Column<long>(type: "INTEGER", nullable: false),
                    owner_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tlp = table.Column<int>(type: "INTEGER", nullable: false),
                    scope = table.Column<int>(type: "INTEGER", nullable: false),
                    audience_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stix_tombstones", x => x.seq);
                });

            migrationBuilder.CreateIndex(
                name: "ix_intel_import_jobs_owner_created",
                table: "intel_import_jobs",
                columns: new[] { "owner_org_id", "created_us" });

            migrationBuilder.CreateIndex(
                name: "ix_intel_import_jobs_state",
                table: "intel_import_jobs",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "ix_stix_objects_created_by_ref",
                table: "stix_objects",
                column: "created_by_ref",
                filter: "created_by_ref IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_stix_objects_owner_seq",
                table: "stix_objects",
                columns: new[] { "owner_org_id", "seq" });

            migrationBuilder.CreateIndex(
                name: "ix_stix_objects_type_seq",
                table: "stix_objects",
                columns: new[] { "type", "seq" });

            migrationBuilder.CreateIndex(
                name: "ux_stix_objects_id_version",
                table: "stix_objects",
                columns: new[] { "stix_id", "version_us" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stix_tombstones_stix_id",
                table: "stix_tombstones",
                column: "stix_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "intel_import_jobs");

            migrationBuilder.DropTable(
                name: "stix_objects");

            migrationBuilder.DropTable(
                name: "stix_tombstones");
        }
    }
}
