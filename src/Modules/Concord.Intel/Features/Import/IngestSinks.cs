using Concord.Platform;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Features.Import;

/// <summary>Creates the bulk sink of the configured provider.</summary>
internal sealed class IngestSinks(IOptions<StorageOptions> storage, TimeProvider time)
{
    public StorageProvider Provider => storage.Value.Provider;

    public IIngestSink Create() => storage.Value.Provider switch
    {
        StorageProvider.Sqlite => new SqliteIngestSink(storage.Value.ResolveConnectionString(), time),
        StorageProvider.Postgres => new PostgresIngestSink(storage.Value.ResolveConnectionString(), time),
        var other => throw new InvalidOperationException($"Unknown storage provider {other}."),
    };
}
