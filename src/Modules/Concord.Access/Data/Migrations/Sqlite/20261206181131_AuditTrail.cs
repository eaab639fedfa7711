using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Access.Data.Migrations.Sqlite
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
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    at_us = table.Column<long>(type: "INTEGER", nullable: false),
                    actor_kind = table.Column<string>(type: "TEXT", nullable: false),
                    actor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor_org_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    channel = table.Column<int>(type: "INTEGER", nullable: false),
                    address = table.Column<string>(type: "TEXT", nullable: true),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    target_type = table.Column<string>(type: "TEXT", nullable: true),
                    target_id = table.Column<string>(type: "TEXT", nullable: true),
                    target_org_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    detail = table.Column<string>(type: "TEXT", nullable: true),
                    succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    previous_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", nullable: false)
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
            // that goes through SQL without first dropping these triggers (which concord audit verify would then show).
            migrationBuilder.Sql("CREATE TRIGGER tr_access_audit_no_update BEFORE UPDATE ON access_audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER tr_access_audit_no_delete BEFORE DELETE ON access_audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_audit");
        }
    }
}
