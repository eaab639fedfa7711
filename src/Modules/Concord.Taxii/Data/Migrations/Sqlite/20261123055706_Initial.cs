using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Taxii.Data.Migrations.Sqlite
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", nullable: false),
                    api_root = table.Column<string>(type: "TEXT", nullable: false),
                    collection_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    complete = table.Column<bool>(type: "INTEGER", nullable: false),
                    request_us = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_us = table.Column<long>(type: "INTEGER", nullable: false),
                    total = table.Column<int>(type: "INTEGER", nullable: false),
                    succeeded = table.Column<int>(type: "INTEGER", nullable: false),
                    failed = table.Column<int>(type: "INTEGER", nullable: false),
                    pending = table.Column<int>(type: "INTEGER", nullable: false),
                    job_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    details_json = table.Column<string>(type: "TEXT", nullable: false)
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
