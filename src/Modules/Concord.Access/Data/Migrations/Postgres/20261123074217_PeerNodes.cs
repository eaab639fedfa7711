using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Access.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PeerNodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_peer_nodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SecretHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_peer_nodes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_access_peer_nodes_Name",
                table: "access_peer_nodes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_access_peer_nodes_Prefix",
                table: "access_peer_nodes",
                column: "Prefix",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_peer_nodes");
        }
    }
}
