using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReachOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Features.Objects.ReachOrder.CreateIndexes);

            migrationBuilder.CreateIndex(
                name: "ix_stix_objects_public_seq",
                table: "stix_objects",
                column: "seq",
                filter: "scope = 5 AND tlp <= 0");

            migrationBuilder.CreateIndex(
                name: "ix_stix_objects_shared_seq",
                table: "stix_objects",
                column: "seq",
                filter: "scope >= 3 AND tlp <= 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Features.Objects.ReachOrder.DropIndexes);

            migrationBuilder.DropIndex(
                name: "ix_stix_objects_public_seq",
                table: "stix_objects");

            migrationBuilder.DropIndex(
                name: "ix_stix_objects_shared_seq",
                table: "stix_objects");
        }
    }
}
