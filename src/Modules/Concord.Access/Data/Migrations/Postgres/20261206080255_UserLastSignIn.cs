using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Access.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UserLastSignIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastSignInAt",
                table: "access_users",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastSignInAt",
                table: "access_users");
        }
    }
}
