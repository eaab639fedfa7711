using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Access.Data;

/// <summary>
/// The last 30-second step whose authenticator code a user signed in (or enrolled) with. A code is accepted only for a
/// later step, so a code seen over a shoulder or in a proxy log cannot be used again while it is still valid (RFC 6238
/// §5.2). Its own table, not a column of the user: Identity rewrites the whole user row on every update, and a stale
/// copy of the step written back by an unrelated update would reopen the window.
/// </summary>
internal sealed class TotpStep
{
    public Guid UserId { get; set; }

    public long LastStep { get; set; }
}

internal sealed class TotpStepConfiguration : IEntityTypeConfiguration<TotpStep>
{
    public void Configure(EntityTypeBuilder<TotpStep> builder)
    {
        builder.ToTable("access_totp_steps");
        builder.HasKey(s => s.UserId);
        builder.HasOne<AccessUser>().WithOne().HasForeignKey<TotpStep>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
