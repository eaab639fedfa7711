using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Access.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    LastSeenMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_access_sessions_access_users_UserId",
                        column: x => x.UserId,
                        principalTable: "access_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_access_sessions_LastSeenMs",
                table: "access_sessions",
                column: "LastSeenMs");

            migrationBuilder.CreateIndex(
                name: "IX_access_sessions_UserId",
                table: "access_sessions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_sessions");
        }
    }
}
