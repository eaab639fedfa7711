namespace Concord.IntegrationTests;

/// <summary>The real stores every integration test runs against.</summary>
public enum Store
{
    Sqlite,
    Postgres,
}

public static class Stores
{
    public static TheoryData<Store> All => [Store.Sqlite, Store.Postgres];

    /// <summary>
    /// The PostgreSQL server tests create their databases on. Absent locally: PostgreSQL tests skip with a
    /// message. Absent under CI: they fail, because CI must run them.
    /// </summary>
    public static string RequirePostgres()
    {
        var connectionString = Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        const string message = "CONCORD_TEST_POSTGRES is not set; PostgreSQL tests need a connection string to a server where they may create databases.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(message);
        }

        Assert.Skip(message);
        return null!;
    }
}
