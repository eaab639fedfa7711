using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Federation.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<int>(
                name: "default_scope",
                table: "federation_peers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "default_tlp",
                table: "federation_peers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "federation_peers",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "concord");

            migrationBuilder.AddColumn<Guid>(
                name: "owner_org_id",
                table: "federation_peers",
                type: "TEXT",
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
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
