using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Teams.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "teams_claims",
                columns: table => new
                {
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams_claims", x => new { x.organisation_id, x.kind, x.value });
                });

            migrationBuilder.CreateTable(
                name: "teams_profiles",
                columns: table => new
                {
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    short_name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    sectors = table.Column<string>(type: "text", nullable: false),
                    countries = table.Column<string>(type: "text", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    emergency_phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    business_days = table.Column<int>(type: "integer", nullable: false),
                    opens_at = table.Column<int>(type: "integer", nullable: false),
                    closes_at = table.Column<int>(type: "integer", nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    updated_us = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams_profiles", x => x.organisation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_teams_profiles_updated",
                table: "teams_profiles",
                column: "updated_us");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "teams_claims");

            migrationBuilder.DropTable(
                name: "teams_profiles");
        }
    }
}
