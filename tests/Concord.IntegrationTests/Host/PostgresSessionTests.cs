using Concord.Platform;
using Npgsql;

namespace Concord.IntegrationTests.Host;

public class PostgresSessionTests
{
    /// <summary>The node's sessions run without JIT (it cost seconds per search page), unless the operator's Options name it.</summary>
    [Theory]
    [InlineData(null, "off")]
    [InlineData("-c jit=on", "on")]
    [InlineData("-c statement_timeout=60000", "off")]
    public async Task Sessions_RunWithoutJitUnlessTheConnectionStringSaysOtherwise(string? options, string expected)
    {
        var server = new NpgsqlConnectionStringBuilder(Stores.RequirePostgres()) { Options = options };
        var storage = new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = server.ConnectionString };

        await using var connection = new NpgsqlConnection(storage.ResolveConnectionString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var show = new NpgsqlCommand("SHOW jit", connection);

        Assert.Equal(expected, await show.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        if (options?.Contains("statement_timeout", StringComparison.Ordinal) == true)
        {
            await using var timeout = new NpgsqlCommand("SHOW statement_timeout", connection);
            Assert.Equal("1min", await timeout.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
    }
}
