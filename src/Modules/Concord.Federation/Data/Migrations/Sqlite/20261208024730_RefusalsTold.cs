using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Federation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RefusalsTold : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "by_peer",
                table: "federation_rejections",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "refusals_told_up_to",
                table: "federation_peers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "refused_there",
                table: "federation_peers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "by_peer",
                table: "federation_rejections");

            migrationBuilder.DropColumn(
                name: "refusals_told_up_to",
                table: "federation_peers");

            migrationBuilder.DropColumn(
                name: "refused_there",
                table: "federation_peers");
        }
    }
}
