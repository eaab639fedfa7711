using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Taxii.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "taxii_statuses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_org_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_by = table.Column<string>(type: "text", nullable: false),
                    api_root = table.Column<string>(type: "text", nullable: false),
                    collection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    complete = table.Column<bool>(type: "boolean", nullable: false),
                    request_us = table.Column<long>(type: "bigint", nullable: false),
                    expires_us = table.Column<long>(type: "bigint", nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    succeeded = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    pending = table.Column<int>(type: "integer", nullable: false),
                    job_id = table.Column<Guid>(type: "uuid", nullable: true),
                    details_json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_taxii_statuses", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_taxii_statuses_expires",
                table: "taxii_statuses",
                column: "expires_us");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "taxii_statuses");
        }
    }
}
