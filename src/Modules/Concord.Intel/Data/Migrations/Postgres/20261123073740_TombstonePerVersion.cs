using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TombstonePerVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "last_version_us",
                table: "stix_tombstones",
                newName: "version_us");

            migrationBuilder.RenameColumn(
                name: "last_modified",
                table: "stix_tombstones",
                newName: "version");

            // Tombstones written before this migration each recorded a whole-object deletion.
            migrationBuilder.AddColumn<bool>(
                name: "object_deleted",
                table: "stix_tombstones",
                type: "boolean",
                nullable: false,
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "object_deleted",
                table: "stix_tombstones");

            migrationBuilder.RenameColumn(
                name: "version_us",
                table: "stix_tombstones",
                newName: "last_version_us");

            migrationBuilder.RenameColumn(
                name: "version",
                table: "stix_tombstones",
                newName: "last_modified");
        }
    }
}
