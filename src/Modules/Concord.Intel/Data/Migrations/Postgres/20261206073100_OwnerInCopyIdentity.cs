using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OwnerInCopyIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_stix_objects_id_version",
                table: "stix_objects");

            migrationBuilder.CreateIndex(
                name: "ux_stix_objects_id_owner_version",
                table: "stix_objects",
                columns: new[] { "stix_id", "owner_org_id", "version_us" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_stix_objects_id_owner_version",
                table: "stix_objects");

            migrationBuilder.CreateIndex(
                name: "ux_stix_objects_id_version",
                table: "stix_objects",
                columns: new[] { "stix_id", "version_us" },
                unique: true);
        }
    }
}
