using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Concord.IntegrationTests.Host;

/// <summary>
/// The <c>concord</c> executable as an operator starts it — its own process, from another directory, configured by
/// environment variables and options — taken from the build output beside the tests, which is laid out like a
/// published one (appsettings.json beside the executable).
/// </summary>
public partial class ExecutableTests
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
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "concord.exe" : "concord"))
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("serve");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The executable finds the runtime the tests run on; nothing of the developer's environment decides the address.
        start.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("Concord__Urls");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            Match running;
            while (!(running = Running().Match(Text(output))).Success)
            {
                Assert.False(process.HasExited, $"concord ended early:\n{Text(output)}");
                Assert.True(DateTime.UtcNow < deadline, $"no banner within two minutes:\n{Text(output)}");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            var url = running.Groups[1].Value;
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
            return new Banner(url, Text(output));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    [GeneratedRegex(@"Concord is running at (https?://\S+?)(?: —|\s|$)")]
    private static partial Regex Running();
}
