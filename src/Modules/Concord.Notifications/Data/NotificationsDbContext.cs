using Microsoft.EntityFrameworkCore;

namespace Concord.Notifications.Data;

/// <summary>The Notifications module's tables: the outbox, inboxes, preferences, webhooks and the delivery log.</summary>
internal abstract class NotificationsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxEntry> Outbox => Set<OutboxEntry>();

    public DbSet<InboxEntry> Inbox => Set<InboxEntry>();

    public DbSet<Preference> Preferences => Set<Preference>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var outbox = modelBuilder.Entity<OutboxEntry>();
        outbox.ToTable("notify_outbox");
        outbox.HasKey(o => o.Seq);
        outbox.Property(o => o.Seq).HasColumnName("seq").ValueGeneratedOnAdd();
        outbox.Property(o => o.Kind).HasColumnName("kind").HasMaxLength(64);
        outbox.Property(o => o.SubjectId).HasColumnName("subject_id").HasMaxLength(256);
        outbox.Property(o => o.Audience).HasColumnName("audience").HasMaxLength(128);
        outbox.Property(o => o.OnceKey).HasColumnName("once_key").HasMaxLength(512);
        outbox.Property(o => o.CreatedUs).HasColumnName("created_us");
        outbox.Property(o => o.FannedOut).HasColumnName("fanned_out");
        outbox.HasIndex(o => o.OnceKey).IsUnique().HasDatabaseName("ux_notify_outbox_once");
        outbox.HasIndex(o => new { o.FannedOut, o.Seq }).HasDatabaseName("ix_notify_outbox_pending");

        var inbox = modelBuilder.Entity<InboxEntry>();
        inbox.ToTable("notify_inbox");
        inbox.HasKey(i => i.Id);
        inbox.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
        inbox.Property(i => i.UserId).HasColumnName("user_id");
        inbox.Property(i => i.OutboxSeq).HasColumnName("outbox_seq");
        inbox.Property(i => i.Kind).HasColumnName("kind").HasMaxLength(64);
        inbox.Property(i => i.SubjectId).HasColumnName("subject_id").HasMaxLength(256);
        inbox.Property(i => i.Title).HasColumnName("title");
        inbox.Property(i => i.Text).HasColumnName("text");
        inbox.Property(i => i.Link).HasColumnName("link");
        inbox.Property(i => i.CreatedUs).HasColumnName("created_us");
        inbox.Property(i => i.ReadUs).HasColumnName("read_us");
        inbox.HasIndex(i => new { i.UserId, i.CreatedUs }).HasDatabaseName("ix_notify_inbox_user");
        inbox.HasIndex(i => new { i.OutboxSeq, i.UserId }).IsUnique().HasDatabaseName("ux_notify_inbox_once");

        var preference = modelBuilder.Entity<Preference>();
        preference.ToTable("notify_preferences");
        preference.HasKey(p => new { p.UserId, p.Kind });
        preference.Property(p => p.UserId).HasColumnName("user_id");
        preference.Property(p => p.Kind).HasColumnName("kind").HasMaxLength(64);
        preference.Property(p => p.Inbox).HasColumnName("inbox");
        preference.Property(p => p.Email).HasColumnName("email");

        var webhook = modelBuilder.Entity<Webhook>();
        webhook.ToTable("notify_webhooks");
        webhook.HasKey(w => w.Id);
        webhook.Property(w => w.Id).HasColumnName("id").ValueGeneratedNever();
        webhook.Property(w => w.OrganisationId).HasColumnName("organisation_id");
        webhook.Property(w => w.Url).HasColumnName("url").HasMaxLength(2048);
        webhook.Property(w => w.Secret).HasColumnName("secret").HasMaxLength(128);
        webhook.Property(w => w.Kinds).HasColumnName("kinds").HasMaxLength(1024);
        webhook.Property(w => w.CreatedUs).HasColumnName("created_us");
        webhook.Property(w => w.CreatedBy).HasColumnName("created_by");
        webhook.HasIndex(w => w.OrganisationId).HasDatabaseName("ix_notify_webhooks_org");

        var delivery = modelBuilder.Entity<Delivery>();
        delivery.ToTable("notify_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
        delivery.Property(d => d.Channel).HasColumnName("channel");
        delivery.Property(d => d.Kind).HasColumnName("kind").HasMaxLength(64);
        delivery.Property(d => d.OutboxSeq).HasColumnName("outbox_seq");
        delivery.Property(d => d.UserId).HasColumnName("user_id");
        delivery.Property(d => d.Address).HasColumnName("address").HasMaxLength(320);
        delivery.Property(d => d.WebhookId).HasColumnName("webhook_id");
        delivery.Property(d => d.OrganisationId).HasColumnName("organisation_id");
        delivery.Property(d => d.Subject).HasColumnName("subject");
        delivery.Property(d => d.Body).HasColumnName("body");
        delivery.Property(d => d.Status).HasColumnName("status");
        delivery.Property(d => d.Attempts).HasColumnName("attempts");
        delivery.Property(d => d.NextAttemptUs).HasColumnName("next_attempt_us");
        delivery.Property(d => d.LastAttemptUs).HasColumnName("last_attempt_us");
        delivery.Property(d => d.LastStatusCode).HasColumnName("last_status_code");
        delivery.Property(d => d.LastError).HasColumnName("last_error");
        delivery.Property(d => d.CreatedUs).HasColumnName("created_us");
        delivery.HasIndex(d => new { d.Status, d.NextAttemptUs }).HasDatabaseName("ix_notify_deliveries_due");
        delivery.HasIndex(d => new { d.WebhookId, d.CreatedUs }).HasDatabaseName("ix_notify_deliveries_webhook");
    }
}

internal sealed class SqliteNotificationsDbContext(DbContextOptions<SqliteNotificationsDbContext> options) : NotificationsDbContext(options);

internal sealed class PostgresNotificationsDbContext(DbContextOptions<PostgresNotificationsDbContext> options) : NotificationsDbContext(options);
