using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Federation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeerWithdrawals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "withdrawals_after",
                table: "federation_peers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "withdrawn",
                table: "federation_peers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "withdrawals_after",
                table: "federation_peers");

            migrationBuilder.DropColumn(
                name: "withdrawn",
                table: "federation_peers");
        }
    }
}
