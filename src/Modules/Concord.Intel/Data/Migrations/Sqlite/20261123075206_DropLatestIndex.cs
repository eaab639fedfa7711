using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DropLatestIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_stix_objects_latest",
                table: "stix_objects");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_stix_objects_latest",
                table: "stix_objects",
                columns: new[] { "stix_id", "owner_org_id" },
                filter: "latest");
        }
    }
}
