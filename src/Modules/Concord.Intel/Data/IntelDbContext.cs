using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Data;

/// <summary>
/// The Intel module's tables. Names are snake_case and fixed here because the bulk ingest path writes the same
/// tables with provider-specific SQL.
/// </summary>
internal abstract class IntelDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<StoredObject> Objects => Set<StoredObject>();

    public DbSet<Tombstone> Tombstones => Set<Tombstone>();

    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    public DbSet<IndexedObservable> Observables => Set<IndexedObservable>();

    public DbSet<IndexedPrefix> ObservablePrefixes => Set<IndexedPrefix>();

    public DbSet<ExclusionRow> CorrelationExclusions => Set<ExclusionRow>();

    public DbSet<IndicatorScore> Scores => Set<IndicatorScore>();

    public DbSet<SightingRecord> Sightings => Set<SightingRecord>();

    public DbSet<FollowerMark> FollowerMarks => Set<FollowerMark>();

    public DbSet<AlertSetting> AlertSettings => Set<AlertSetting>();

    public DbSet<HitAlert> Alerts => Set<HitAlert>();

    public DbSet<NodeKey> NodeKeys => Set<NodeKey>();

    public DbSet<ObjectCount> ObjectCounts => Set<ObjectCount>();

    public DbSet<TechniqueUse> TechniqueUses => Set<TechniqueUse>();

    public DbSet<SearchHit> SearchHits => Set<SearchHit>();

    public DbSet<FeedRecord> Feeds => Set<FeedRecord>();

    public DbSet<FeedEventState> FeedEvents => Set<FeedEventState>();

    public DbSet<BlindKey> BlindKeys => Set<BlindKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new StoredObjectConfiguration());
        modelBuilder.ApplyConfiguration(new TombstoneConfiguration());
        modelBuilder.ApplyConfiguration(new ImportJobConfiguration());
        modelBuilder.ApplyConfiguration(new IndexedObservableConfiguration());
        modelBuilder.ApplyConfiguration(new IndexedPrefixConfiguration());
        modelBuilder.ApplyConfiguration(new ExclusionRowConfiguration());
        modelBuilder.ApplyConfiguration(new IndicatorScoreConfiguration());
        modelBuilder.ApplyConfiguration(new SightingRecordConfiguration());
        modelBuilder.ApplyConfiguration(new FollowerMarkConfiguration());
        modelBuilder.ApplyConfiguration(new AlertSettingConfiguration());
        modelBuilder.ApplyConfiguration(new HitAlertConfiguration());
        modelBuilder.ApplyConfiguration(new NodeKeyConfiguration());
        modelBuilder.ApplyConfiguration(new ObjectCountConfiguration());
        modelBuilder.ApplyConfiguration(new TechniqueUseConfiguration());
        modelBuilder.ApplyConfiguration(new SearchHitConfiguration());
        modelBuilder.ApplyConfiguration(new FeedRecordConfiguration());
        modelBuilder.ApplyConfiguration(new FeedEventStateConfiguration());
        modelBuilder.ApplyConfiguration(new BlindKeyConfiguration());
    }
}

internal sealed class SqliteIntelDbContext(DbContextOptions<SqliteIntelDbContext> options) : IntelDbContext(options);

internal sealed class PostgresIntelDbContext(DbContextOptions<PostgresIntelDbContext> options) : IntelDbContext(options);
