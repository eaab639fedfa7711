using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Notifications.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notify_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    outbox_seq = table.Column<long>(type: "INTEGER", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    webhook_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    subject = table.Column<string>(type: "TEXT", nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_us = table.Column<long>(type: "INTEGER", nullable: false),
                    last_attempt_us = table.Column<long>(type: "INTEGER", nullable: true),
                    last_status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    created_us = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notify_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notify_inbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    outbox_seq = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    link = table.Column<string>(type: "TEXT", nullable: true),
                    created_us = table.Column<long>(type: "INTEGER", nullable: false),
                    read_us = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notify_inbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notify_outbox",
                columns: table => new
                {
                    seq = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    audience = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    once_key = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    created_us = table.Column<long>(type: "INTEGER", nullable: false),
                    fanned_out = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notify_outbox", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "notify_preferences",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    inbox = table.Column<bool>(type: "INTEGER", nullable: false),
                    email = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notify_preferences", x => new { x.user_id, x.kind });
                });

            migrationBuilder.CreateTable(
                name: "notify_webhooks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    secret = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    kinds = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    created_us = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notify_webhooks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notify_deliveries_due",
                table: "notify_deliveries",
                columns: new[] { "status", "next_attempt_us" });

            migrationBuilder.CreateIndex(
                name: "ix_notify_deliveries_webhook",
                table: "notify_deliveries",
                columns: new[] { "webhook_id", "created_us" });

            migrationBuilder.CreateIndex(
                name: "ix_notify_inbox_user",
                table: "notify_inbox",
                columns: new[] { "user_id", "created_us" });

            migrationBuilder.CreateIndex(
                name: "ux_notify_inbox_once",
                table: "notify_inbox",
                columns: new[] { "outbox_seq", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notify_outbox_pending",
                table: "notify_outbox",
                columns: new[] { "fanned_out", "seq" });

            migrationBuilder.CreateIndex(
                name: "ux_notify_outbox_once",
                table: "notify_outbox",
                column: "once_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notify_webhooks_org",
                table: "notify_webhooks",
                column: "organisation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notify_deliveries");

            migrationBuilder.DropTable(
                name: "notify_inbox");

            migrationBuilder.DropTable(
                name: "notify_outbox");

            migrationBuilder.DropTable(
                name: "notify_preferences");

            migrationBuilder.DropTable(
                name: "notify_webhooks");
        }
    }
}
