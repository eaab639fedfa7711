using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Incidents.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incidents_attachment_blobs",
                columns: table => new
                {
                    contribution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents_attachment_blobs", x => x.contribution_id);
                });

            migrationBuilder.CreateTable(
                name: "incidents_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tlp = table.Column<int>(type: "INTEGER", nullable: false),
                    scope = table.Column<int>(type: "INTEGER", nullable: false),
                    audience_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    summary = table.Column<string>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    severity = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    pap = table.Column<int>(type: "INTEGER", nullable: false),
                    countries = table.Column<string>(type: "TEXT", nullable: false),
                    sectors = table.Column<string>(type: "TEXT", nullable: false),
                    created_us = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_us = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incidents_changes",
                columns: table => new
                {
                    seq = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    owner_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at_us = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents_changes", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "incidents_contributions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    author_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tlp = table.Column<int>(type: "INTEGER", nullable: false),
                    audience_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    withdrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_us = table.Column<long>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    at_us = table.Column<long>(type: "INTEGER", nullable: true),
                    assignee_org_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    done = table.Column<bool>(type: "INTEGER", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    size = table.Column<long>(type: "INTEGER", nullable: true),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    value_kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    value = table.Column<string>(type: "TEXT", nullable: true),
                    intel_ref = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents_contributions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_cases_audience",
                table: "incidents_cases",
                column: "audience_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_cases_owner",
                table: "incidents_cases",
                column: "owner_org_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_contributions_author",
                table: "incidents_contributions",
                column: "author_org_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_contributions_case",
                table: "incidents_contributions",
                columns: new[] { "case_id", "created_us" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incidents_attachment_blobs");

            migrationBuilder.DropTable(
                name: "incidents_cases");

            migrationBuilder.DropTable(
                name: "incidents_changes");

            migrationBuilder.DropTable(
                name: "incidents_contributions");
        }
    }
}
