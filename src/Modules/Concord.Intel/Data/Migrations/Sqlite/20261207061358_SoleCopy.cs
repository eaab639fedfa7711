using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SoleCopy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "sole_copy",
                table: "stix_objects",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Every stored row of an id held by one organisation only is its id's only copy.
            migrationBuilder.Sql("""
                UPDATE stix_objects SET sole_copy = 1
                WHERE stix_id NOT IN (SELECT stix_id FROM stix_objects GROUP BY stix_id HAVING count(DISTINCT owner_org_id) > 1);
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
