using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CorrelationIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "intel_correlation_exclusions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    comment = table.Column<string>(type: "TEXT", nullable: true),
                    created_us = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intel_correlation_exclusions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "intel_observable_prefixes",
                columns: table => new
                {
                    space = table.Column<short>(type: "INTEGER", nullable: false),
                    prefix = table.Column<short>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_intel_observable_prefixes", x => new { x.space, x.prefix });
                });

            // WITHOUT ROWID (hand-written: EF cannot say it): the primary key's B-tree is the table, so each observable
            // is stored once, not as a rowid table plus an index holding the same key again.
            migrationBuilder.Sql("""
                CREATE TABLE "intel_observables" (
                    "key" BLOB NOT NULL,
                    "seq" INTEGER NOT NULL,
                    CONSTRAINT "pk_intel_observables" PRIMARY KEY ("key", "seq")
                ) WITHOUT ROWID;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "intel_correlation_exclusions");

            migrationBuilder.DropTable(
                name: "intel_observable_prefixes");

            migrationBuilder.DropTable(
                name: "intel_observables");
        }
    }
}
