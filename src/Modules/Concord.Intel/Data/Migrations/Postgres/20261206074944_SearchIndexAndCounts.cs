using System;
using Concord.Intel.Features.Search;
using Concord.Intel.Features.Stats;
using Concord.Platform;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchIndexAndCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The text index, filled for the versions already stored (new ones are indexed at ingest). The count tables
            // below are filled, and their triggers created, by CountTriggers.EnsureAsync when the node starts.
            migrationBuilder.Sql(SearchSchema.PostgresCreate);
            migrationBuilder.Sql(SearchSchema.PostgresBackfill);
            migrationBuilder.Sql(SearchSchema.PostgresIndex);

            migrationBuilder.CreateTable(
                name: "intel_object_counts",
                columns: table => new
                {
                    owner_org_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tlp = table.Column<int>(type: "integer", nullable: false),
                    scope = table.Column<int>(type: "integer", nullable: false),
                    audience_key = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    day = table.Column<long>(type: "bigint", nullable: false),
                    named = table.Column<bool>(type: "boolean", nullable: false),
                    audience_id = table.Column<Guid>(type: "uuid", nullable: true),
                    n = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intel_object_counts", x => new { x.owner_org_id, x.tlp, x.scope, x.audience_key, x.type, x.day, x.named });
                });

            migrationBuilder.CreateTable(
                name: "intel_technique_counts",
                columns: table => new
                {
                    owner_org_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tlp = table.Column<int>(type: "integer", nullable: false),
                    scope = table.Column<int>(type: "integer", nullable: false),
                    audience_key = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<long>(type: "bigint", nullable: false),
                    technique_ref = table.Column<string>(type: "text", nullable: false),
                    audience_id = table.Column<Guid>(type: "uuid", nullable: true),
                    n = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intel_technique_counts", x => new { x.owner_org_id, x.tlp, x.scope, x.audience_key, x.day, x.technique_ref });
                });

            migrationBuilder.CreateIndex(
                name: "ix_intel_object_counts_day",
                table: "intel_object_counts",
                column: "day");

            migrationBuilder.CreateIndex(
                name: "ix_intel_technique_counts_day",
                table: "intel_technique_counts",
                column: "day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CountTriggers.Drop(StorageProvider.Postgres));
            migrationBuilder.Sql(SearchSchema.PostgresDrop);
            migrationBuilder.DropTable(
                name: "intel_object_counts");

            migrationBuilder.DropTable(
                name: "intel_technique_counts");
        }
    }
}
