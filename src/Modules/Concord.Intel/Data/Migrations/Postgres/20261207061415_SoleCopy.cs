using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SoleCopy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Most ids have one copy: the column comes with true for every stored row (PostgreSQL keeps such a default
            // in the catalogue, no table rewrite), then ids held by several organisations are cleared, and rows written
            // from now on say what they are (the writers set it; the default is false).
            migrationBuilder.AddColumn<bool>(
                name: "sole_copy",
                table: "stix_objects",
                type: "boolean",
                nullable: false,
                defaultValue: true);
            migrationBuilder.Sql("""
                UPDATE stix_objects SET sole_copy = false
                WHERE stix_id IN (SELECT stix_id FROM stix_objects GROUP BY stix_id HAVING count(DISTINCT owner_org_id) > 1);
                ALTER TABLE stix_objects ALTER COLUMN sole_copy SET DEFAULT false;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sole_copy",
                table: "stix_objects");
        }
    }
}
