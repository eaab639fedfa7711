using System.Net;
using Npgsql;

namespace Concord.IntegrationTests.Host;

/// <summary>
/// The <c>concord</c> executable as an operator starts it — its own process, from another directory, configured by
/// environment variables and options — taken from the build output beside the tests, which is laid out like a
/// published one (appsettings.json beside the executable).
/// </summary>
public class ExecutableTests
{
    [Fact]
    public async Task Serve_WithAspNetCoreUrls_ListensThere()
    {
        var port = FreePort();

        var banner = await ServeAsync(["--no-demo"], new() { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });

        Assert.Equal($"http://127.0.0.1:{port}", banner.Url);
    }

    [Fact]
    public async Task Serve_UrlsOption_WinsOverConcordUrls_WhichWinsOverAspNetCoreUrls()
    {
        var (option, concord, aspNetCore) = (FreePort(), FreePort(), FreePort());

        var fromOption = await ServeAsync(["--no-demo", "--urls", $"http://127.0.0.1:{option}"],
            new() { ["Concord__Urls"] = $"http://127.0.0.1:{concord}", ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{aspNetCore}" });
        var fromConcord = await ServeAsync(["--no-demo"],
            new() { ["Concord__Urls"] = $"http://127.0.0.1:{concord}", ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{aspNetCore}" });

        Assert.Equal($"http://127.0.0.1:{option}", fromOption.Url);
        Assert.Equal($"http://127.0.0.1:{concord}", fromConcord.Url);
    }

    [Fact]
    public async Task FirstStart_OnAnEmptyPostgresDatabase_LogsNoFailure()
    {
        var server = Stores.RequirePostgres();
        var database = "concord_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        try
        {
            var banner = await ServeAsync(["--no-demo", "--urls", "http://127.0.0.1:0"], new()
            {
                ["Concord__Storage__Provider"] = "Postgres",
                ["Concord__Storage__ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
            });

            Assert.Contains("log in as admin with one-time password", banner.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("fail:", banner.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Failed executing DbCommand", banner.Output, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private sealed record Banner(string Url, string Output);

    /// <summary>Starts <c>concord serve</c>, waits for its banner and a healthy answer there, stops it; returns what it printed.</summary>
    private static async Task<Banner> ServeAsync(string[] args, Dictionary<string, string> environment)
    {
        var directory = Directory.CreateTempSubdirectory("concord-exe-").FullName;
        try
        {
            await using var node = await ConcordProcess.ServeAsync(directory, args, environment);
            return new Banner(node.Url, node.Output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int FreePort() => ConcordProcess.FreePort();

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
