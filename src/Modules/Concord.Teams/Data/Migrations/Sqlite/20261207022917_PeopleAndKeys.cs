using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Teams.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeopleAndKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "teams_contacts",
                columns: table => new
                {
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams_contacts", x => new { x.organisation_id, x.position });
                });

            migrationBuilder.CreateTable(
                name: "teams_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    armoured = table.Column<string>(type: "TEXT", nullable: false),
                    created_us = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_us = table.Column<long>(type: "INTEGER", nullable: true),
                    user_ids = table.Column<string>(type: "TEXT", nullable: false),
                    algorithm = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "teams_people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams_people", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_teams_keys_organisation",
                table: "teams_keys",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_teams_people_organisation",
                table: "teams_people",
                column: "organisation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "teams_contacts");

            migrationBuilder.DropTable(
                name: "teams_keys");

            migrationBuilder.DropTable(
                name: "teams_people");
        }
    }
}
