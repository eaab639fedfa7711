using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RepairUnpairedSurrogates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A store that holds objects repairs, at the next start, strings stored before the parser refused unpaired
            // surrogate escapes (BadTextRepair): each such escape becomes \ufffd.
            migrationBuilder.Sql("INSERT INTO intel_follower_marks (name, position, fingerprint) SELECT 'text.surrogates', 0, NULL WHERE EXISTS (SELECT 1 FROM stix_objects) ON CONFLICT (name) DO UPDATE SET position = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM intel_follower_marks WHERE name = 'text.surrogates';");
        }
    }
}
