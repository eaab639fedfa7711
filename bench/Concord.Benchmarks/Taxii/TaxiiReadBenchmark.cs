using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Concord.Access;
using Concord.Benchmarks.Ingest;
using Concord.Host;
using Concord.Intel;
using Concord.Stix;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Concord.Benchmarks.Taxii;

/// <summary>
/// Reads a whole collection of generated indicators over real HTTP from the real node (Kestrel, authentication,
/// visibility, TAXII endpoint) on PostgreSQL, page by page with <c>limit</c> and <c>next</c>. Reports page latency
/// percentiles, objects/s end to end, and the managed heap while reading (it must not grow with the collection); then
/// the same pages the bare way (<see cref="TaxiiFloor"/>) and the ratio. Then the node's memory after more of a long
/// session (issue 16: under 400 MB): the whole collection again over the REST API, and the dashboard (its page, signed
/// in, and its figures) read repeatedly; the process's working set is reported at its peak and at the end.
/// Usage: <c>taxii-read [--postgres CONNSTR] [--objects N] [--page N] [--reuse DATABASE]</c>; <c>--reuse</c> reads a database an
/// earlier run kept (<c>BENCH_KEEP_DB=1</c>) instead of seeding a new one, and keeps it.
/// </summary>
internal static class TaxiiReadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var server = BenchArgs.Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES");
        var objects = int.Parse(BenchArgs.Option(args, "--objects") ?? "1000000", CultureInfo.InvariantCulture);
        var pageSize = int.Parse(BenchArgs.Option(args, "--page") ?? "1000", CultureInfo.InvariantCulture);
        if (server is null)
        {
            Console.WriteLine("taxii-read needs PostgreSQL: --postgres CONNSTR or CONCORD_TEST_POSTGRES.");
            return 1;
        }

        var reuse = BenchArgs.Option(args, "--reuse");
        var database = reuse ?? "concord_bench_" + Guid.NewGuid().ToString("N");
        if (reuse is null)
        {
            await BenchArgs.ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        }

        var dataDir = Path.Combine(Path.GetTempPath(), "concord-bench", Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = await ConcordApp.BuildAsync(builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Concord:Urls"] = "http://127.0.0.1:0",
                ["Concord:Demo:Enabled"] = "false",
                ["Concord:Storage:Provider"] = "Postgres",
                ["Concord:Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
                ["Concord:Storage:DataDirectory"] = dataDir,
                ["Concord:Taxii:MaxPageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = Environment.GetEnvironmentVariable("BENCH_SQL") is null ? "Warning" : "Information",
            }));
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            string key;
            if (reuse is null)
            {
                (var principal, key) = await MemberAsync(app.Services);
                await SeedAsync(app.Services, principal, objects);
            }
            else
            {
                await using var scope = app.Services.CreateAsyncScope();
                key = (await scope.ServiceProvider.GetRequiredService<IAccessAdmin>().CreateApiKeyAsync(new NewApiKey("bench", "benchmark"), CancellationToken.None)).Value?.Key
                    ?? throw new InvalidOperationException($"{database} has no user 'bench' (was it kept by taxii-read?)");
            }

            var (latencies, seconds) = await ReadAsync(address, key, objects, pageSize);
            var floor = await TaxiiFloor.RunAsync(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString, pageSize);
            Console.WriteLine(TaxiiFloor.Describe(floor, latencies, seconds));
            await LongSessionAsync(address, key, pageSize);
            await app.StopAsync();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (reuse is null && Environment.GetEnvironmentVariable("BENCH_KEEP_DB") is null)
            {
                await BenchArgs.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }
            else
            {
                Console.WriteLine($"kept database {database}");
            }

            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }

        return 0;
    }

    private static async Task<(List<double> Latencies, double Seconds)> ReadAsync(Uri address, string key, int expected, int pageSize)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/taxii+json;version=2.1");
        const string collection = "/taxii2/concord/collections/all/objects/";

        // Warm-up: one page, so JIT and connection setup are not in the figures.
        using (await http.GetAsync($"{collection}?limit={pageSize}")) { }
        if (Environment.GetEnvironmentVariable("BENCH_PROBE") is not null)
        {
            foreach (var probe in new[] { "/taxii2/", "/taxii2/concord/collections/", $"{collection}?limit=1", $"{collection}?limit=100", $"{collection}?limit={pageSize}", $"/taxii2/concord/collections/all/manifest/?limit={pageSize}" })
            {
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < 20; i++)
                {
                    using var r = await http.GetAsync(probe);
                    await r.Content.ReadAsByteArrayAsync();
                }

                Console.WriteLine($"  probe {probe}: {sw.Elapsed.TotalMilliseconds / 20:F1} ms");
            }
        }

        GC.Collect();
        var heapBefore = GC.GetTotalMemory(true) / 1048576.0;
        using var sampler = new MemorySampler();
        var latencies = new List<double>();
        long read = 0;
        string? next = null;
        var total = Stopwatch.StartNew();
        do
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync($"{collection}?limit={pageSize}" + (next is null ? "" : "&next=" + Uri.EscapeDataString(next)), HttpCompletionOption.ResponseContentRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            using var page = await JsonDocument.ParseAsync(body);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            read += page.RootElement.TryGetProperty("objects", out var items) ? items.GetArrayLength() : 0;
            next = page.RootElement.TryGetProperty("more", out var more) && more.GetBoolean() ? page.RootElement.GetProperty("next").GetString() : null;
        }
        while (next is not null);
        total.Stop();

        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"TAXII read, PostgreSQL: {read:N0} of {expected:N0} objects in {latencies.Count:N0} pages of {pageSize:N0}, {total.Elapsed.TotalSeconds:F2} s = {read / total.Elapsed.TotalSeconds:N0} objects/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  page latency: p50 {Percentile(0.50):F1} ms, p90 {Percentile(0.90):F1} ms, p99 {Percentile(0.99):F1} ms, max {latencies[^1]:F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  managed heap (server and client in one process): {heapBefore:N0} MB before, peak {sampler.PeakManagedMb:N0} MB while reading; peak working set {sampler.PeakWorkingSetMb:N0} MB"));
        return (latencies, total.Elapsed.TotalSeconds);
    }

    /// <summary>The REST API's whole list and the dashboard, on the node that has served the collection over TAXII.</summary>
    private static async Task LongSessionAsync(Uri address, string key, int pageSize)
    {
        using var sampler = new MemorySampler();
        using var api = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var clock = Stopwatch.StartNew();
        long read = 0;
        string? cursor = null;
        do
        {
            using var response = await api.GetAsync($"/api/v1/objects?limit={pageSize}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            using var page = await JsonDocument.ParseAsync(body);
            read += page.RootElement.GetProperty("objects").GetArrayLength();
            cursor = page.RootElement.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"REST list: {read:N0} objects in {clock.Elapsed.TotalSeconds:F1} s; peak working set {sampler.PeakWorkingSetMb:N0} MB"));

        // The dashboard as its user sees it: signed in with a password (a cookie), the page and the figures behind it.
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        using (var login = await browser.PostAsync("/api/v1/auth/login", new StringContent(
            JsonSerializer.Serialize(new { userName = "bench", password = BenchPassword }), System.Text.Encoding.UTF8, "application/json")))
        {
            login.EnsureSuccessStatusCode();
        }

        clock.Restart();
        for (var i = 0; i < 20; i++)
        {
            using var page = await browser.GetAsync("/");
            page.EnsureSuccessStatusCode();
            using var figures = await browser.GetAsync("/api/v1/stats/overview?days=90");
            figures.EnsureSuccessStatusCode();
            _ = await page.Content.ReadAsByteArrayAsync();
            _ = await figures.Content.ReadAsByteArrayAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dashboard: 20 page views and figures in {clock.Elapsed.TotalSeconds:F1} s; peak working set {sampler.PeakWorkingSetMb:N0} MB"));
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"node memory after TAXII, REST and the dashboard: working set {process.WorkingSet64 / 1048576.0:N0} MB now, peak {process.PeakWorkingSet64 / 1048576.0:N0} MB over the whole run (seeding included); managed heap {GC.GetTotalMemory(false) / 1048576.0:N0} MB (server and client in one process; target: under 400 MB)"));
    }

    private const string BenchPassword = "quiet harbour lanterns 7431";

    private static async Task SeedAsync(IServiceProvider services, Principal principal, int objects)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIntelStore>();
        var clock = Stopwatch.StartNew();
        await using var input = IndicatorBundle.Open(objects, CancellationToken.None);
        var result = await store.ImportAsync(principal, input, new ImportOptions { Policy = ImportPolicy.BestEffort, Tlp = Tlp.Green }, null, CancellationToken.None);
        var report = result.Value ?? throw new InvalidOperationException(result.Error!.Message);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {report.Stored:N0} indicators in {clock.Elapsed.TotalSeconds:F1} s"));

        // A bulk import is answered before its scores are computed; the reads are measured once the followers have
        // caught up (the node's steady state), and the catch-up is timed on its own.
        clock.Restart();
        await scope.ServiceProvider.GetRequiredService<Concord.Intel.Features.Scoring.ScoreFollower>().CatchUpAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<Concord.Intel.Features.Alerts.AlertFollower>().CatchUpAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scores and alerts caught up in {clock.Elapsed.TotalSeconds:F1} s"));

        // Constituency routing reads the change feed behind imports too; left running, it shared the two cores with the
        // pages being measured (and not with the floor, read after it had finished).
        clock.Restart();
        await scope.ServiceProvider.GetRequiredService<Concord.Teams.Features.Routing.RoutingFollower>().CatchUpAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"constituency routing caught up in {clock.Elapsed.TotalSeconds:F1} s"));
        await BenchArgs.ExecuteAsync(new NpgsqlConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Concord.Platform.StorageOptions>>().Value.ConnectionString) .ConnectionString, "ANALYZE");
    }

    private static async Task<(Principal Principal, string Key)> MemberAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<IAccessAdmin>();
        var org = (await admin.CreateOrganisationAsync(new NewOrganisation("Bench CERT", "NL", OrganisationType.GovernmentAgency, "Government", Tlp.Green), CancellationToken.None)).Value!;
        _ = (await admin.CreateUserAsync(new NewUser("bench", org.Id, Role.Analyst, Password: BenchPassword), CancellationToken.None)).Value ?? throw new InvalidOperationException("the benchmark user was refused");
        var key = (await admin.CreateApiKeyAsync(new NewApiKey("bench", "benchmark"), CancellationToken.None)).Value!;
        return (new Principal(PrincipalKind.Member, org.Id, new HashSet<Guid>(), Role.Analyst, "bench"), key.Key);
    }
}
