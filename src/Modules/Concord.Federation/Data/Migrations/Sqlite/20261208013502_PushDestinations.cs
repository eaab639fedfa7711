using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Federation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PushDestinations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "not_deleted",
                table: "federation_peers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "push_after_sequence",
                table: "federation_peers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "push_failed",
                table: "federation_peers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "pushed",
                table: "federation_peers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "not_deleted",
                table: "federation_peers");

            migrationBuilder.DropColumn(
                name: "push_after_sequence",
                table: "federation_peers");

            migrationBuilder.DropColumn(
                name: "push_failed",
                table: "federation_peers");

            migrationBuilder.DropColumn(
                name: "pushed",
                table: "federation_peers");
        }
    }
}
