using Microsoft.EntityFrameworkCore;

namespace Concord.Teams.Data;

/// <summary>The Teams module's tables: team profiles, their constituencies, escalation contacts, people, OpenPGP keys and routing choices.</summary>
internal abstract class TeamsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<TeamRow> Teams => Set<TeamRow>();

    public DbSet<ClaimRow> Claims => Set<ClaimRow>();

    public DbSet<ContactRow> Contacts => Set<ContactRow>();

    public DbSet<PersonRow> People => Set<PersonRow>();

    public DbSet<KeyRow> Keys => Set<KeyRow>();
    public DbSet<RoutingOptOutRow> RoutingOptOuts => Set<RoutingOptOutRow>();

    public DbSet<RoutingMarkRow> RoutingMarks => Set<RoutingMarkRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var team = modelBuilder.Entity<TeamRow>();
        team.ToTable("teams_profiles");
        team.HasKey(t => t.OrganisationId);
        team.Property(t => t.OrganisationId).HasColumnName("organisation_id").ValueGeneratedNever();
        team.Property(t => t.Name).HasColumnName("name").HasMaxLength(200);
        team.Property(t => t.ShortName).HasColumnName("short_name").HasMaxLength(40);
        team.Property(t => t.Country).HasColumnName("country").HasMaxLength(2);
        team.Property(t => t.Type).HasColumnName("type");
        team.Property(t => t.Sectors).HasColumnName("sectors");
        team.Property(t => t.Countries).HasColumnName("countries");
        team.Property(t => t.Email).HasColumnName("email").HasMaxLength(320);
        team.Property(t => t.Phone).HasColumnName("phone").HasMaxLength(40);
        team.Property(t => t.EmergencyPhone).HasColumnName("emergency_phone").HasMaxLength(40);
        team.Property(t => t.BusinessDays).HasColumnName("business_days");
        team.Property(t => t.OpensAt).HasColumnName("opens_at");
        team.Property(t => t.ClosesAt).HasColumnName("closes_at");
        team.Property(t => t.TimeZone).HasColumnName("time_zone").HasMaxLength(64);
        team.Property(t => t.UpdatedUs).HasColumnName("updated_us");
        team.HasIndex(t => t.UpdatedUs).HasDatabaseName("ix_teams_profiles_updated");

        var claim = modelBuilder.Entity<ClaimRow>();
        claim.ToTable("teams_claims");
        claim.HasKey(c => new { c.OrganisationId, c.Kind, c.Value });
        claim.Property(c => c.OrganisationId).HasColumnName("organisation_id");
        claim.Property(c => c.Kind).HasColumnName("kind");
        claim.Property(c => c.Value).HasColumnName("value").HasMaxLength(300);

        // Escalation contacts, people and keys (Data/PeopleConfigurations.cs).
        modelBuilder.ApplyConfiguration(new ContactConfiguration());
        modelBuilder.ApplyConfiguration(new PersonConfiguration());
        modelBuilder.ApplyConfiguration(new KeyConfiguration());
        RoutingRows.Configure(modelBuilder);
    }
}

internal sealed class SqliteTeamsDbContext(DbContextOptions<SqliteTeamsDbContext> options) : TeamsDbContext(options);

internal sealed class PostgresTeamsDbContext(DbContextOptions<PostgresTeamsDbContext> options) : TeamsDbContext(options);
