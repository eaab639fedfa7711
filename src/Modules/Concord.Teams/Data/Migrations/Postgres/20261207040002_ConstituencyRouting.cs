using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Teams.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConstituencyRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "teams_routing_marks",
                columns: table => new
                {
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams_routing_marks", x => x.source);
                });

            migrationBuilder.CreateTable(
                name: "teams_routing_opt_outs",
                columns: table => new
                {
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams_routing_opt_outs", x => new { x.organisation_id, x.kind });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "teams_routing_marks");

            migrationBuilder.DropTable(
                name: "teams_routing_opt_outs");
        }
    }
}
