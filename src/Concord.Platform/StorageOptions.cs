namespace Concord.Platform;

/// <summary>Which database engine holds the node's data.</summary>
public enum StorageProvider
{
    /// <summary>Embedded SQLite in one file under the data folder (the default).</summary>
    Sqlite,

    /// <summary>PostgreSQL, chosen by a connection string (production).</summary>
    Postgres,
}

/// <summary>Storage settings, bound from the <c>Concord:Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Concord:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>For PostgreSQL, required. For SQLite, optional: defaults to <c>{DataDirectory}/concord.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the embedded database and other node-local files.</summary>
    public string DataDirectory { get; set; } = "data";

    public string ResolveConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return Provider == StorageProvider.Postgres ? WithoutJit(ConnectionString) : ConnectionString;
        }

        if (Provider == StorageProvider.Postgres)
        {
            throw new InvalidOperationException(
                "Concord:Storage:ConnectionString is required when Concord:Storage:Provider is Postgres.");
        }

        Directory.CreateDirectory(DataDirectory);
        return $"Data Source={Path.Combine(DataDirectory, "concord.db")};Pooling=True";
    }

    /// <summary>
    /// PostgreSQL's JIT compiler off for our sessions, unless the connection string's <c>Options</c> say otherwise. It
    /// starts on plans the planner costs high, and it costs high the paged searches whose union of small ordered scans
    /// it cannot estimate: measured at 1 M objects, 4.5 s of JIT (optimisation and emission) for 0.1 s of execution.
    /// Our queries are short index walks; none gains from it.
    /// </summary>
    private static string WithoutJit(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        }

        return builder.ConnectionString;
    }
}
