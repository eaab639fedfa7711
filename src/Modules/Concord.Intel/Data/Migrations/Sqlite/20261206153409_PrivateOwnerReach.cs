using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Intel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PrivateOwnerReach : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The owner's walk covers only its records the alliance's walk does not: its index holds only those.
            migrationBuilder.Sql(Features.Objects.ReachOrder.CreatePrivateOwnerIndex);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_stix_objects_owner_reach; CREATE INDEX ix_stix_objects_owner_reach ON stix_objects (owner_org_id, (-seq));");
        }
    }
}
