using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Concord.Access.Data;

/// <summary>
/// The Access module's tables. Provider subclasses below exist so each provider carries its own migrations; callers
/// inject this base type. Identity's user tables are here; roles are a column (<see cref="AccessUser.Role"/>), not
/// Identity roles, because a user has exactly one.
/// </summary>
internal abstract class AccessDbContext(DbContextOptions options) : IdentityUserContext<AccessUser, Guid>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Audience> Audiences => Set<Audience>();

    public DbSet<AudienceMember> AudienceMembers => Set<AudienceMember>();

    public DbSet<PeerNode> PeerNodes => Set<PeerNode>();

    public DbSet<TotpStep> TotpSteps => Set<TotpStep>();

    public DbSet<AccessSession> Sessions => Set<AccessSession>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("access_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("access_user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("access_user_tokens");
        builder.ApplyConfigurationsFromAssembly(typeof(AccessDbContext).Assembly);
    }
}
