using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QualifiedSearchTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every token qualified by who may read its row, so a search reads only its reader's doclists.
            migrationBuilder.Sql(Features.Search.SearchSchema.SqliteQualify);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Features.Search.SearchSchema.SqliteUnqualify);
        }
    }
}
