using Concord.Platform;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Features.Import;

/// <summary>Creates the bulk sink of the configured provider.</summary>
internal sealed class IngestSinks(IOptions<StorageOptions> storage, TimeProvider time, Correlation.PrefixCache prefixes)
{
    public StorageProvider Provider => storage.Value.Provider;

    /// <summary>The IP prefix lengths the index holds (the writers add to it).</summary>
    public Correlation.PrefixCache Prefixes => prefixes;

    public IIngestSink Create() => storage.Value.Provider switch
    {
        StorageProvider.Sqlite => new SqliteIngestSink(storage.Value.ResolveConnectionString(), time, prefixes),
        StorageProvider.Postgres => new PostgresIngestSink(storage.Value.ResolveConnectionString(), time, prefixes),
        var other => throw new InvalidOperationException($"Unknown storage provider {other}."),
    };
}
