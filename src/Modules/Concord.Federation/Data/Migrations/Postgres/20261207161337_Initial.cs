using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Concord.Federation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "federation_node",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    node_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_federation_node", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "federation_peers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    inbound_peer_node_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outbound_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    remote_node_id = table.Column<Guid>(type: "uuid", nullable: true),
                    remote_node_name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    collection = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_success_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    received = table.Column<long>(type: "bigint", nullable: false),
                    rejected = table.Column<long>(type: "bigint", nullable: false),
                    requests = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_federation_peers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "federation_cursors",
                columns: table => new
                {
                    peer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    collection = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    added_after_us = table.Column<long>(type: "bigint", nullable: true),
                    next = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_federation_cursors", x => new { x.peer_id, x.collection });
                    table.ForeignKey(
                        name: "FK_federation_cursors_federation_peers_peer_id",
                        column: x => x.peer_id,
                        principalTable: "federation_peers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "federation_rejections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    peer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    object_id = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    rule = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_federation_rejections", x => x.id);
                    table.ForeignKey(
                        name: "FK_federation_rejections_federation_peers_peer_id",
                        column: x => x.peer_id,
                        principalTable: "federation_peers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_federation_peers_name",
                table: "federation_peers",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_federation_peers_remote_node_id",
                table: "federation_peers",
                column: "remote_node_id");

            migrationBuilder.CreateIndex(
                name: "IX_federation_rejections_peer_id_id",
                table: "federation_rejections",
                columns: new[] { "peer_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "federation_cursors");

            migrationBuilder.DropTable(
                name: "federation_node");

            migrationBuilder.DropTable(
                name: "federation_rejections");

            migrationBuilder.DropTable(
                name: "federation_peers");
        }
    }
}
