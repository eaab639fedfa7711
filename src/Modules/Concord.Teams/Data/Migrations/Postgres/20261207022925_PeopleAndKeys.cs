using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Teams.Data.Migrations.Postgres
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
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams_contacts", x => new { x.organisation_id, x.position });
                });

            migrationBuilder.CreateTable(
                name: "teams_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    armoured = table.Column<string>(type: "text", nullable: false),
                    created_us = table.Column<long>(type: "bigint", nullable: false),
                    expires_us = table.Column<long>(type: "bigint", nullable: true),
                    user_ids = table.Column<string>(type: "text", nullable: false),
                    algorithm = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "teams_people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
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
