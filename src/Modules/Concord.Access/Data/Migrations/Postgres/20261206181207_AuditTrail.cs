using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Access.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_audit",
                columns: table => new
                {
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    at_us = table.Column<long>(type: "bigint", nullable: false),
                    actor_kind = table.Column<string>(type: "text", nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_org_id = table.Column<Guid>(type: "uuid", nullable: true),
                    channel = table.Column<int>(type: "integer", nullable: false),
                    address = table.Column<string>(type: "text", nullable: true),
                    action = table.Column<string>(type: "text", nullable: false),
                    target_type = table.Column<string>(type: "text", nullable: true),
                    target_id = table.Column<string>(type: "text", nullable: true),
                    target_org_id = table.Column<Guid>(type: "uuid", nullable: true),
                    detail = table.Column<string>(type: "text", nullable: true),
                    succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    previous_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_audit", x => x.seq);
                });

            migrationBuilder.CreateIndex(
                name: "ix_access_audit_action_seq",
                table: "access_audit",
                columns: new[] { "action", "seq" });

            migrationBuilder.CreateIndex(
                name: "ix_access_audit_actor_org_seq",
                table: "access_audit",
                columns: new[] { "actor_org_id", "seq" });

            migrationBuilder.CreateIndex(
                name: "ix_access_audit_actor_seq",
                table: "access_audit",
                columns: new[] { "actor_id", "seq" });

            migrationBuilder.CreateIndex(
                name: "ix_access_audit_target_org_seq",
                table: "access_audit",
                columns: new[] { "target_org_id", "seq" });
            // Append-only in the store too: the application never updates or deletes an entry, and neither may anything
            // that goes through SQL without first dropping this trigger (which concord audit verify would then show).
            migrationBuilder.Sql("""
                CREATE FUNCTION access_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
                CREATE TRIGGER tr_access_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON access_audit
                  FOR EACH STATEMENT EXECUTE FUNCTION access_audit_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_audit");
            migrationBuilder.Sql("DROP FUNCTION access_audit_append_only();");
        }
    }
}
