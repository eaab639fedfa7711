using Microsoft.EntityFrameworkCore;

namespace Concord.Platform;

public static class StorageExtensions
{
    /// <summary>
    /// Points a module's DbContext at the node's database. Each module keeps its own migrations history
    /// table so modules migrate independently inside one database.
    /// </summary>
    public static DbContextOptionsBuilder UseConcordStorage(
        this DbContextOptionsBuilder builder, StorageOptions storage, string module)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(storage);
        var history = HistoryTable(module);
        var connectionString = storage.ResolveConnectionString();
        return storage.Provider switch
        {
            StorageProvider.Sqlite => builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(history)),
            StorageProvider.Postgres => builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(history)),
            _ => throw new InvalidOperationException($"Unknown storage provider {storage.Provider}."),
        };
    }

    /// <summary>The migrations history table of <paramref name="module"/>.</summary>
    public static string HistoryTable(string module) => $"__migrations_{module}";
}
