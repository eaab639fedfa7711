using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Postgres
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    comment = table.Column<string>(type: "text", nullable: true),
                    created_us = table.Column<long>(type: "bigint", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intel_correlation_exclusions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "intel_observable_prefixes",
                columns: table => new
                {
                    space = table.Column<short>(type: "smallint", nullable: false),
                    prefix = table.Column<short>(type: "smallint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_intel_observable_prefixes", x => new { x.space, x.prefix });
                });

            migrationBuilder.CreateTable(
                name: "intel_observables",
                columns: table => new
                {
                    key = table.Column<byte[]>(type: "bytea", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_intel_observables", x => new { x.key, x.seq });
                });
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
