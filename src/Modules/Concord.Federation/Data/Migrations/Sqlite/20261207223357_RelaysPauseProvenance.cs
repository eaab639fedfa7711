using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Federation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RelaysPauseProvenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "accept_relays",
                table: "federation_peers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "paused",
                table: "federation_peers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "remote_position",
                table: "federation_peers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "reached_us",
                table: "federation_cursors",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "federation_provenance",
                columns: table => new
                {
                    owner_org_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    object_id = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    path = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    via_peer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_federation_provenance", x => new { x.owner_org_id, x.object_id });
                    table.ForeignKey(
                        name: "FK_federation_provenance_federation_peers_via_peer_id",
                        column: x => x.via_peer_id,
                        principalTable: "federation_peers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_federation_provenance_via_peer_id",
                table: "federation_provenance",
                column: "via_peer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "federation_provenance");

            migrationBuilder.DropColumn(
                name: "accept_relays",
                table: "federation_peers");

            migrationBuilder.DropColumn(
                name: "paused",
                table: "federation_peers");

            migrationBuilder.DropColumn(
                name: "remote_position",
                table: "federation_peers");

            migrationBuilder.DropColumn(
                name: "reached_us",
                table: "federation_cursors");
        }
    }
}
