using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CompactObservableKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Keys of every kind but IP addresses and networks changed (7-byte hashes): drop them and, when objects are
            // stored, leave the mark that has IndexRebuild extract them again (IP keys are unchanged and stay usable).
            migrationBuilder.Sql("DELETE FROM intel_observables WHERE NOT ((length(key) = 6 AND get_byte(key, 0) = 1) OR (length(key) = 18 AND get_byte(key, 0) = 3));");
            migrationBuilder.Sql("INSERT INTO intel_follower_marks (name, position, fingerprint) SELECT 'observables.rebuild', 0, NULL WHERE EXISTS (SELECT 1 FROM stix_objects) ON CONFLICT (name) DO UPDATE SET position = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The earlier key format is not rebuilt by SQL: entries of the changed kinds are dropped.
            migrationBuilder.Sql("DELETE FROM intel_observables WHERE NOT ((length(key) = 6 AND get_byte(key, 0) = 1) OR (length(key) = 18 AND get_byte(key, 0) = 3));");
            migrationBuilder.Sql("DELETE FROM intel_follower_marks WHERE name = 'observables.rebuild';");
        }
    }
}
