using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GranularMarkingTlp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A store that holds objects re-derives the TLP of those with granular markings at the next start
            // (GranularTlpPass): an object's TLP is now the strictest TLP anywhere in it.
            migrationBuilder.Sql("INSERT INTO intel_follower_marks (name, position, fingerprint) SELECT 'markings.granular', 0, NULL WHERE EXISTS (SELECT 1 FROM stix_objects) ON CONFLICT (name) DO UPDATE SET position = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM intel_follower_marks WHERE name = 'markings.granular';");
        }
    }
}
