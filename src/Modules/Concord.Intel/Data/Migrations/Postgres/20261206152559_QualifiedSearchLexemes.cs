using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QualifiedSearchLexemes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every lexeme qualified by who may read its row, so a search reads only its reader's posting lists.
            migrationBuilder.Sql(Features.Search.TsVector.QualifySql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Features.Search.TsVector.UnqualifySql);
        }
    }
}
