using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Access.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FederatedOrganisations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "HomeNodeId",
                table: "access_organisations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HomeNodeName",
                table: "access_organisations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RemoteId",
                table: "access_organisations",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_access_organisations_HomeNodeId_RemoteId",
                table: "access_organisations",
                columns: new[] { "HomeNodeId", "RemoteId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_access_organisations_HomeNodeId_RemoteId",
                table: "access_organisations");

            migrationBuilder.DropColumn(
                name: "HomeNodeId",
                table: "access_organisations");

            migrationBuilder.DropColumn(
                name: "HomeNodeName",
                table: "access_organisations");

            migrationBuilder.DropColumn(
                name: "RemoteId",
                table: "access_organisations");
        }
    }
}
