using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Text.Json;
using Concord.Access;
using Concord.Host;
using Concord.Intel;
using Concord.Stix;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Concord.Benchmarks.Ingest;
using Npgsql;

namespace Concord.Benchmarks.Scoring;

/// <summary>
/// <c>score-list [--postgres CONNSTR] [--objects N]</c> (SQLite without <c>--postgres</c>): seeds N indicators with
/// confidences 0–100 and ages 0–120 days, then lists them over real HTTP with <c>min_score</c> at several thresholds:
/// the first page's latency (p50/p99 of 20) and a full walk of every matching page. Also times the score
/// follower's catch-up after the import. Wall and process CPU time, with the machine's load average.
/// <c>BENCH_SQL=1</c> logs every SQL command with its duration.
/// </summary>
internal static class ScoreListBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var server = BenchArgs.Option(args, "--postgres");
        var objects = int.Parse(BenchArgs.Option(args, "--objects") ?? "1000000", CultureInfo.InvariantCulture);
        var database = "concord_bench_" + Guid.NewGuid().ToString("N");
        var dataDir = Path.Combine(Path.GetTempPath(), "concord-bench", Guid.NewGuid().ToString("N"));
        if (server is not null)
        {
            await BenchArgs.ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        }

        try
        {
            await using var app = await ConcordApp.BuildAsync(builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Concord:Urls"] = "http://127.0.0.1:0",
                ["Concord:Demo:Enabled"] = "false",
                ["Concord:Storage:Provider"] = server is null ? "Sqlite" : "Postgres",
                ["Concord:Storage:ConnectionString"] = server is null ? null : new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
                ["Concord:Storage:DataDirectory"] = dataDir,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = Environment.GetEnvironmentVariable("BENCH_SQL") is null ? "Warning" : "Information",
            }));
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var (principal, key) = await MemberAsync(app.Services);
            Console.WriteLine($"score-list on {(server is null ? "SQLite" : "PostgreSQL")}, {objects:N0} indicators; load average before: {LoadAverage()}");
            await SeedAsync(app.Services, principal, objects);
            await ListAsync(address, key);
            Console.WriteLine($"load average after: {LoadAverage()}");
            await app.StopAsync();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (server is not null)
            {
                await BenchArgs.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }

            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }

        return 0;
    }

    private static async Task SeedAsync(IServiceProvider services, Principal principal, int objects)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIntelStore>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await using var input = Bundle(objects);
        var result = await store.ImportAsync(principal, input, new ImportOptions { Policy = ImportPolicy.BestEffort, Tlp = Tlp.Green }, null, CancellationToken.None);
        var report = result.Value ?? throw new InvalidOperationException(result.Error!.Message);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  import: {report.Stored:N0} indicators in {clock.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU"));

        // A bulk import is answered before its scores are computed: the follower's catch-up is timed on its own, and
        // the listings below run once it is done (otherwise they would race it and list a partly scored store).
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        await scope.ServiceProvider.GetRequiredService<Concord.Intel.Features.Scoring.ScoreFollower>().CatchUpAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  score follower caught up in {clock.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU = {report.Stored / clock.Elapsed.TotalSeconds:N0} indicators/s; load average: {LoadAverage()}"));
    }

    private static async Task ListAsync(Uri address, string key)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using (await http.GetAsync("/api/v1/objects?min_score=50&limit=100")) { }
        foreach (var min in new[] { 10, 50, 75, 95 })
        {
            var first = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var sw = Stopwatch.StartNew();
                using var response = await http.GetAsync($"/api/v1/objects?min_score={min}&limit=100");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                first.Add(sw.Elapsed.TotalMilliseconds);
            }

            first.Sort();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var walk = Stopwatch.StartNew();
            long matched = 0;
            var pages = 0;
            string? cursor = null;
            do
            {
                using var response = await http.GetAsync($"/api/v1/objects?min_score={min}&limit=1000" + (cursor is null ? "" : "&cursor=" + cursor));
                response.EnsureSuccessStatusCode();
                using var page = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
                matched += page.RootElement.GetProperty("objects").GetArrayLength();
                cursor = page.RootElement.GetProperty("next").GetString();
                pages++;
            }
            while (cursor is not null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  min_score={min}: first page of 100 p50 {first[9]:F1} ms, p99 {first[^1]:F1} ms; all {matched:N0} matching in {pages:N0} pages of 1,000: {walk.Elapsed.TotalSeconds:F2} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s CPU"));
        }
    }

    /// <summary>Indicators with confidence i mod 101 and modified 0–120 days ago, generated while read.</summary>
    private static Stream Bundle(int count)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        var now = TimeProvider.System.GetUtcNow();
        _ = Task.Run(async () =>
        {
            await using (var json = new Utf8JsonWriter(pipe.Writer))
            {
                json.WriteStartObject();
                json.WriteString("type", "bundle");
                json.WriteString("id", $"bundle--{Guid.NewGuid()}");
                json.WriteStartArray("objects");
                for (var i = 0; i < count; i++)
                {
                    var modified = (now - TimeSpan.FromMinutes(i * 7919L % (120 * 24 * 60))).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                    json.WriteStartObject();
                    json.WriteString("type", "indicator");
                    json.WriteString("spec_version", "2.1");
                    json.WriteString("id", $"indicator--{Guid.NewGuid()}");
                    json.WriteString("created", modified);
                    json.WriteString("modified", modified);
                    json.WriteString("pattern", $"[ipv4-addr:value = '10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}']");
                    json.WriteString("pattern_type", "stix");
                    json.WriteString("valid_from", modified);
                    json.WriteNumber("confidence", i % 101);
                    json.WriteEndObject();
                    if ((i & 255) == 255)
                    {
                        await json.FlushAsync();
                        await pipe.Writer.FlushAsync();
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            await pipe.Writer.CompleteAsync();
        });
        return pipe.Reader.AsStream();
    }

    private static async Task<(Principal Principal, string Key)> MemberAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<IAccessAdmin>();
        var org = (await admin.CreateOrganisationAsync(new NewOrganisation("Bench CERT", "NL", OrganisationType.GovernmentAgency, "Government", Tlp.Green), CancellationToken.None)).Value!;
        _ = (await admin.CreateUserAsync(new NewUser("bench", org.Id, Role.Analyst, Password: "quiet harbour lanterns 7431"), CancellationToken.None)).Value ?? throw new InvalidOperationException("the benchmark user was refused");
        var key = (await admin.CreateApiKeyAsync(new NewApiKey("bench", "benchmark"), CancellationToken.None)).Value!;
        return (new Principal(PrincipalKind.Member, org.Id, new HashSet<Guid>(), Role.Analyst, "bench"), key.Key);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
