using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContentHashPending : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A store with rows stored before content hashes existed fills them at the next start (ContentHashFill).
            migrationBuilder.Sql("INSERT INTO intel_follower_marks (name, position, fingerprint) SELECT 'objects.content-hash', 0, NULL WHERE EXISTS (SELECT 1 FROM stix_objects WHERE content_hash IS NULL) ON CONFLICT (name) DO NOTHING;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM intel_follower_marks WHERE name = 'objects.content-hash';");
        }
    }
}
