using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Access.Data;

/// <summary>
/// One browser session: the cookie names it (inside its encrypted ticket) and is good only while the row exists, so a
/// session ends on the server — at sign-out, a password change or reset, a role change, disabling the account — and a
/// copied cookie stops working with it. <see cref="LastSeenMs"/> (Unix milliseconds, comparable in SQL on SQLite too)
/// is touched at most once a minute.
/// </summary>
internal sealed class AccessSession
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public long LastSeenMs { get; set; }
}

internal sealed class AccessSessionConfiguration : IEntityTypeConfiguration<AccessSession>
{
    public void Configure(EntityTypeBuilder<AccessSession> builder)
    {
        builder.ToTable("access_sessions");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.LastSeenMs);
        builder.HasOne<AccessUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
