using System.Diagnostics;
using System.Globalization;
using Concord.Access;
using Concord.Benchmarks.Ingest;
using Concord.Federation;
using Concord.Host;
using Concord.Intel;
using Concord.Stix;
using Concord.Taxii.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Concord.Benchmarks.Federation;

/// <summary>
/// Two real nodes on PostgreSQL, each with its own database, over real HTTP on 127.0.0.1. Node A holds N indicators
/// shared with connected nodes; node B connects it and catches up by itself (its pull service, as in production),
/// timed from the connection to the last object stored. Then, in the same run, the floors beside it: reading the same
/// pages as the peer without storing them (the transport), and one bare request (<c>/health/live</c>) against the
/// no-change sync, which must be one small request (DESIGN.md: ≤ 100 ms at a million objects; catch-up of a million
/// ≤ 60 s). Then the near-real-time path: a watching node pulls a new object the moment it is stored; the delay from the
/// import's answer to the object's arrival is reported.
/// Usage: <c>federation [--postgres CONNSTR] [--objects N] [--page N]</c>.
/// </summary>
internal static class FederationBenchmark
{
    private static readonly Principal NodeAdmin = new(PrincipalKind.Member, null, new HashSet<Guid>(), Role.NodeAdmin, "bench");

    public static async Task<int> RunAsync(string[] args)
    {
        var server = BenchArgs.Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES");
        var objects = int.Parse(BenchArgs.Option(args, "--objects") ?? "100000", CultureInfo.InvariantCulture);
        var pageSize = int.Parse(BenchArgs.Option(args, "--page") ?? "1000", CultureInfo.InvariantCulture);
        if (server is null)
        {
            Console.WriteLine("federation needs PostgreSQL: --postgres CONNSTR or CONCORD_TEST_POSTGRES.");
            return 1;
        }

        var databases = new[] { "concord_bench_" + Guid.NewGuid().ToString("N"), "concord_bench_" + Guid.NewGuid().ToString("N") };
        var dataDirs = databases.Select(d => Path.Combine(Path.GetTempPath(), "concord-bench", d)).ToArray();
        foreach (var database in databases)
        {
            await BenchArgs.ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        }

        try
        {
            await using var a = await NodeAsync(server, databases[0], dataDirs[0], "node-a", pageSize, watch: false);
            await using var b = await NodeAsync(server, databases[1], dataDirs[1], "node-b", pageSize, watch: true);
            var alpha = await SeedAsync(a.App.Services, objects);

            // Connected: A registers B and prints its key; B connects A with it, and its pull service starts at once.
            var keyForB = Require(await Federation(a).ConnectAsync(NodeAdmin, new NewPeer("node-b", b.Url, null), CancellationToken.None)).KeyForPeer!;
            var clock = Stopwatch.StartNew();
            var peer = Require(await Federation(b).ConnectAsync(NodeAdmin, new NewPeer("node-a", a.Url, keyForB), CancellationToken.None)).Peer.Id;
            PeerInfo status;
            while ((status = Require(await Federation(b).GetPeerAsync(NodeAdmin, peer, CancellationToken.None))).Status.Received < objects)
            {
                if (status.Status.LastError is { } error)
                {
                    Console.WriteLine($"pull failed: {error}");
                    return 1;
                }

                await Task.Delay(50);
            }

            var catchUp = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"federation catch-up, PostgreSQL: {objects:N0} objects node to node in {catchUp:F1} s = {objects / catchUp:N0} objects/s ({status.Status.Requests:N0} requests, pages of {pageSize:N0}; budget: 1,000,000 in 60 s)"));

            // The transport alone: the same pages, as the peer reads them (envelope included), not stored.
            clock.Restart();
            var transported = await ReadAsPeerAsync(a, keyForB, pageSize);
            var transport = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  floor, the same pages read as the peer without storing them: {transported:N0} objects in {transport:F1} s; catch-up is {catchUp / transport:F2}x the transport"));

            await NoChangeAsync(a, b, peer);
            await NearRealTimeAsync(a, b, alpha);
            if (await PushAsync(a, b, objects, pageSize) is not 0)
            {
                return 1;
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            foreach (var database in databases)
            {
                await BenchArgs.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }

            foreach (var dir in dataDirs.Where(Directory.Exists))
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        return 0;
    }

    /// <summary>A sync with nothing new, 50 times: its latency and requests, beside one bare request to the same node.</summary>
    private static async Task NoChangeAsync(Node a, Node b, Guid peer)
    {
        var syncs = new List<double>();
        var requests = new HashSet<int>();
        for (var i = 0; i < 50; i++)
        {
            var clock = Stopwatch.StartNew();
            var report = Require(await Federation(b).SyncAsync(NodeAdmin, peer, CancellationToken.None));
            syncs.Add(clock.Elapsed.TotalMilliseconds);
            requests.Add(report.Requests);
        }

        using var http = new HttpClient { BaseAddress = new Uri(a.Url) };
        var bare = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync("/health/live");
            bare.Add(clock.Elapsed.TotalMilliseconds);
        }

        syncs.Sort();
        bare.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"no-change sync: p50 {syncs[24]:F1} ms, p99 {syncs[^1]:F1} ms, requests per sync {string.Join('/', requests)} (budget: 100 ms, one request); floor, one bare request: p50 {bare[24]:F1} ms; ratio {syncs[24] / bare[24]:F1}x"));
    }

    /// <summary>A watching node pulls the moment its peer stores something: the delay from the import's answer to arrival.</summary>
    private static async Task NearRealTimeAsync(Node a, Node b, Principal alpha)
    {
        var delays = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var id = $"indicator--{Guid.NewGuid()}";
            var indicator = $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{"type":"indicator","spec_version":"2.1","id":"{{id}}","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"near real time {{i}}","pattern":"[ipv4-addr:value = '203.0.113.{{i}}']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"}]}""";
            await using (var scope = a.App.Services.CreateAsyncScope())
            {
                using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(indicator));
                Require(await scope.ServiceProvider.GetRequiredService<IIntelStore>().ImportAsync(alpha, input, new ImportOptions { Tlp = Tlp.Green, Scope = Scope.ConnectedNodes }, null, CancellationToken.None));
            }

            var clock = Stopwatch.StartNew();
            while (true)
            {
                await using var scope = b.App.Services.CreateAsyncScope();
                var reader = new Principal(PrincipalKind.PeerNode, null, new HashSet<Guid>(), Role.ReadOnly, "bench");
                if ((await scope.ServiceProvider.GetRequiredService<IIntelStore>().GetAsync(reader, id, null, CancellationToken.None)).IsSuccess)
                {
                    break;
                }

                if (clock.Elapsed > TimeSpan.FromSeconds(60))
                {
                    Console.WriteLine("near-real-time: a new object did not arrive within 60 s");
                    return;
                }

                await Task.Delay(10);
            }

            delays.Add(clock.Elapsed.TotalMilliseconds);
        }

        delays.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"near-real-time (watching): a new object reached the peer in p50 {delays[4]:F0} ms, max {delays[^1]:F0} ms after its import was answered (budget: 5 s)"));
    }

    private static async Task<long> ReadAsPeerAsync(Node a, string key, int pageSize)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = TaxiiClient.Bearer(key);
        var client = new TaxiiClient(http);
        var description = Require(await Federation(a).DescribeAsync(new Principal(PrincipalKind.PeerNode, null, new HashSet<Guid>(), Role.ReadOnly, "bench"), CancellationToken.None));
        var url = new Uri(new Uri(a.Url), description.Collection);
        long read = 0;
        string? next = null;
        do
        {
            var page = await client.ReadPageAsync(url, new TaxiiReadOptions { Limit = pageSize, Version = "all" }, next, CancellationToken.None);
            read += page.Objects.Count;
            next = page.More ? page.Next : null;
        }
        while (next is not null);
        return read;
    }

    /// <summary>
    /// Node A pushes what it shares with connected nodes to node B's TAXII collection as a plain TAXII server (an analyst's
    /// API key there), from the start: envelopes of a page each, every status followed, until B confirmed all.
    /// </summary>
    private static async Task<int> PushAsync(Node a, Node b, int objects, int pageSize)
    {
        string key;
        await using (var scope = b.App.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<IAccessAdmin>();
            var org = Require(await admin.CreateOrganisationAsync(new NewOrganisation("Receiving CERT", "FI", OrganisationType.GovernmentAgency, "Government", Tlp.Green), CancellationToken.None));
            Require(await admin.CreateUserAsync(new NewUser("bench-push", org.Id, Role.Analyst, Password: "Tundra-Kestrel-93!x"), CancellationToken.None));
            key = Require(await admin.CreateApiKeyAsync(new NewApiKey("bench-push", "push"), CancellationToken.None)).Key;
        }

        var clock = Stopwatch.StartNew();
        var destination = Require(await Federation(a).ConnectAsync(NodeAdmin, new NewPeer("node-b-taxii", b.Url + "taxii2/concord/collections/all/", key) { Kind = "taxii-push" }, CancellationToken.None)).Peer.Id;
        PeerInfo status;
        while ((status = Require(await Federation(a).GetPeerAsync(NodeAdmin, destination, CancellationToken.None))).Push!.Pushed < objects)
        {
            if (status.Status.LastError is { } error)
            {
                Console.WriteLine($"push failed: {error}");
                return 1;
            }

            await Task.Delay(50);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"federation push to a TAXII server (node B as one, PostgreSQL): {status.Push.Pushed:N0} objects in {seconds:F1} s = {status.Push.Pushed / seconds:N0} objects/s ({status.Status.Requests:N0} requests, envelopes of {pageSize:N0}, {status.Push.Failed:N0} failed)"));
        return 0;
    }

    private static async Task<Principal> SeedAsync(IServiceProvider services, int objects)
    {
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<IAccessAdmin>();
        var org = (await admin.CreateOrganisationAsync(new NewOrganisation("Bench CERT", "NL", OrganisationType.GovernmentAgency, "Government", Tlp.Green), CancellationToken.None)).Value!;
        var principal = new Principal(PrincipalKind.Member, org.Id, new HashSet<Guid>(), Role.Analyst, "bench");
        var clock = Stopwatch.StartNew();
        await using var input = IndicatorBundle.Open(objects, CancellationToken.None);
        var report = Require(await scope.ServiceProvider.GetRequiredService<IIntelStore>().ImportAsync(principal, input,
            new ImportOptions { Policy = ImportPolicy.BestEffort, Tlp = Tlp.Green, Scope = Scope.ConnectedNodes }, null, CancellationToken.None));
        await scope.ServiceProvider.GetRequiredService<Concord.Intel.Features.Scoring.ScoreFollower>().CatchUpAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<Concord.Intel.Features.Alerts.AlertFollower>().CatchUpAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<Concord.Teams.Features.Routing.RoutingFollower>().CatchUpAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded node A: {report.Stored:N0} indicators shared with connected nodes in {clock.Elapsed.TotalSeconds:F1} s"));
        return principal;
    }

    private static async Task<Node> NodeAsync(string server, string database, string dataDir, string name, int pageSize, bool watch)
    {
        var app = await ConcordApp.BuildAsync(builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Concord:Urls"] = "http://127.0.0.1:0",
            ["Concord:Demo:Enabled"] = "false",
            ["Concord:Storage:Provider"] = "Postgres",
            ["Concord:Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
            ["Concord:Storage:DataDirectory"] = dataDir,
            ["Concord:Taxii:MaxPageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
            ["Concord:Federation:NodeName"] = name,
            ["Concord:Federation:PageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
            ["Concord:Federation:PushPageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
            ["Concord:Federation:Watch"] = watch ? "true" : "false",
            ["Concord:Outbound:AllowedHosts"] = "127.0.0.1",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await app.StartAsync();
        return new Node(app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    /// <summary>The node's federation service, in a scope the node keeps until it stops (the benchmark makes a handful).</summary>
    private static IFederation Federation(Node node) => node.Scope().ServiceProvider.GetRequiredService<IFederation>();

    private static T Require<T>(Concord.Platform.Result<T> result) => result.IsSuccess ? result.Value! : throw new InvalidOperationException(result.Error!.Message);



    private sealed record Node(WebApplication App, string Url) : IAsyncDisposable
    {
        private readonly List<AsyncServiceScope> _scopes = [];

        public AsyncServiceScope Scope()
        {
            var scope = App.Services.CreateAsyncScope();
            _scopes.Add(scope);
            return scope;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var scope in _scopes)
            {
                await scope.DisposeAsync();
            }

            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
