using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MispImportJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "format",
                table: "intel_import_jobs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "misp_summary_json",
                table: "intel_import_jobs",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "format",
                table: "intel_import_jobs");

            migrationBuilder.DropColumn(
                name: "misp_summary_json",
                table: "intel_import_jobs");
        }
    }
}
