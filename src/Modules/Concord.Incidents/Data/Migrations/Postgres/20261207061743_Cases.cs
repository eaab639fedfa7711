using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Concord.Incidents.Data.Migrations.Postgres
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
                    contribution_id = table.Column<Guid>(type: "uuid", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents_attachment_blobs", x => x.contribution_id);
                });

            migrationBuilder.CreateTable(
                name: "incidents_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_org_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tlp = table.Column<int>(type: "integer", nullable: false),
                    scope = table.Column<int>(type: "integer", nullable: false),
                    audience_id = table.Column<Guid>(type: "uuid", nullable: true),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    summary = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    severity = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    pap = table.Column<int>(type: "integer", nullable: false),
                    countries = table.Column<string>(type: "text", nullable: false),
                    sectors = table.Column<string>(type: "text", nullable: false),
                    created_us = table.Column<long>(type: "bigint", nullable: false),
                    updated_us = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incidents_changes",
                columns: table => new
                {
                    seq = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    owner_org_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at_us = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents_changes", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "incidents_contributions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    author_org_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tlp = table.Column<int>(type: "integer", nullable: false),
                    audience_id = table.Column<Guid>(type: "uuid", nullable: true),
                    withdrawn = table.Column<bool>(type: "boolean", nullable: false),
                    created_us = table.Column<long>(type: "bigint", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    at_us = table.Column<long>(type: "bigint", nullable: true),
                    assignee_org_id = table.Column<Guid>(type: "uuid", nullable: true),
                    done = table.Column<bool>(type: "boolean", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    content_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    size = table.Column<long>(type: "bigint", nullable: true),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    value_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    value = table.Column<string>(type: "text", nullable: true),
                    intel_ref = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
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
