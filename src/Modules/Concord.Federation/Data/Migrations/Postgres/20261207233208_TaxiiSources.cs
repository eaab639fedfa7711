using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Federation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TaxiiSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "inbound_peer_node_id",
                table: "federation_peers",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<int>(
                name: "default_scope",
                table: "federation_peers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "default_tlp",
                table: "federation_peers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "federation_peers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "concord");

            migrationBuilder.AddColumn<Guid>(
                name: "owner_org_id",
                table: "federation_peers",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "default_scope",
                table: "federation_peers");

            migrationBuilder.DropColumn(
                name: "default_tlp",
                table: "federation_peers");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "federation_peers");

            migrationBuilder.DropColumn(
                name: "owner_org_id",
                table: "federation_peers");

            migrationBuilder.AlterColumn<Guid>(
                name: "inbound_peer_node_id",
                table: "federation_peers",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
