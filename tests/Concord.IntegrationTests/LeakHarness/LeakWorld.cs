using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Taxii;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.LeakHarness;

/// <summary>
/// The fixture alliance of the leak harness, seeded once per store and shared by every read path: five member
/// organisations (Owner, a named Recipient, Grouped — in Owner's sharing group —, Other, Witness) and one hosted on
/// another node (Remote, a recipient and in the group too), readers of several roles (a node admin of Other among
/// them), a peer node, the peer node of Remote's node, and anonymous; records of every TLP × scope, valid and refused,
/// granular markings, versions, a deleted record, links, notes, sightings and correlating copies (<see cref="LeakSeed"/>).
/// </summary>
public sealed class LeakWorld : IAsyncDisposable
{
    public const string Owner = "Owner";
    public const string Recipient = "Recipient";
    public const string Grouped = "Grouped";
    public const string Other = "Other";
    public const string Witness = "Witness";

    /// <summary>An organisation hosted on another node, named among the recipients and in the sharing group.</summary>
    public const string Remote = "Remote";

    /// <summary>The federation id of <see cref="Remote"/>'s home node, which the recipients' peer node is bound to.</summary>
    public static readonly Guid RemoteNode = Guid.Parse("5e0de000-0000-4000-8000-00000000000a");

    private readonly ConcurrentDictionary<string, Principal> _principals = new();
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new();
    private readonly ConcurrentBag<HttpClient> _taxii = [];
    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _browsers = new();

    internal LeakWorld(TestNode node, TestAlliance alliance)
    {
        Node = node;
        Alliance = alliance;
    }

    public TestNode Node { get; }

    public TestAlliance Alliance { get; }

    /// <summary>Everyone who reads: members of each kind of audience, a node admin (roles grant no reading), anonymous, a peer node.</summary>
    public IReadOnlyList<Reader> Readers { get; } =
    [
        new("owner", PrincipalKind.Member, Owner, Role.ReadOnly),
        new("recipient", PrincipalKind.Member, Recipient, Role.ReadOnly),
        new("grouped", PrincipalKind.Member, Grouped, Role.ReadOnly),
        new("other node admin", PrincipalKind.Member, Other, Role.NodeAdmin),
        new("anonymous", PrincipalKind.Anonymous, null, Role.ReadOnly),
        new("peer node", PrincipalKind.PeerNode, null, Role.ReadOnly),
        new("recipient's node", PrincipalKind.PeerNode, Remote, Role.ReadOnly),
    ];

    public IEnumerable<Reader> Members => Readers.Where(r => r.Kind == PrincipalKind.Member);

    /// <summary>Every record stored (and the deleted one), each once.</summary>
    public List<LeakRecord> Records { get; } = [];

    /// <summary>Problems met while seeding (a valid import refused, a refused one stored): reported by the harness.</summary>
    public List<string> SeedProblems { get; } = [];

    /// <summary>Each read path's view per reader before and after the decoys (records only the owner reads) were added.</summary>
    public Dictionary<(string Path, string Reader), (string Before, string After)> Fingerprints { get; } = [];

    public Guid SharingGroup { get; internal set; }

    public Guid OwnersJob { get; internal set; }

    /// <summary>Records of a type (or all), as the oracle sees them.</summary>
    public IEnumerable<LeakRecord> Of(string? type = null) => type is null ? Records : Records.Where(r => r.Type == type);

    public bool MayRead(Reader reader, LeakRecord record) => Oracle.MayRead(reader, record);

    /// <summary>The reader's HTTP client (one per reader): an API key of its user, the peer node's key, or no credentials.</summary>
    public async Task<HttpClient> ClientAsync(Reader reader)
    {
        if (_clients.TryGetValue(reader.Name, out var known))
        {
            return known;
        }

        var client = reader.Kind switch
        {
            PrincipalKind.Anonymous => Alliance.Anonymous(),
            PrincipalKind.PeerNode when reader.Organisation is not null => await Alliance.BoundPeerClientAsync("remote.example", RemoteNode),
            PrincipalKind.PeerNode => await Alliance.PeerClientAsync(),
            _ => await Alliance.ClientAsync(reader.Organisation!, reader.Role),
        };
        return _clients[reader.Name] = client;
    }

    /// <summary>A TAXII client of the reader: its credentials, the TAXII Accept header.</summary>
    public async Task<HttpClient> TaxiiClientAsync(Reader reader)
    {
        var client = Node.CreateClient();
        client.DefaultRequestHeaders.Authorization = (await ClientAsync(reader)).DefaultRequestHeaders.Authorization;
        _taxii.Add(client);
        return TaxiiHarness.Accept(client);
    }

    /// <summary>
    /// The member's browser session (a cookie from one sign-in, redirects not followed), shared by every path: sign-ins
    /// are rate limited per address, so signing in per path or per page would starve the other paths.
    /// </summary>
    public Task<HttpClient> BrowserAsync(Reader reader)
    {
        if (reader.Kind != PrincipalKind.Member)
        {
            throw new ArgumentException($"{reader.Name} has no browser session: only members sign in", nameof(reader));
        }

        return _browsers.GetOrAdd(reader.Name, _ => new Lazy<Task<HttpClient>>(() => SignInAsync(reader))).Value;
    }

    private async Task<HttpClient> SignInAsync(Reader reader)
    {
        await Alliance.UserIdAsync(reader.Organisation!, reader.Role);
        var web = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Node.BaseAddress };
        using var login = await web.PostAsJsonAsync("/api/v1/auth/login",
            new { userName = TestAlliance.UserName(reader.Organisation!, reader.Role), password = TestAlliance.Password });
        if (login.StatusCode != HttpStatusCode.OK)
        {
            web.Dispose();
            throw new InvalidOperationException($"{reader.Name} cannot sign in: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        }

        return web;
    }

    /// <summary>
    /// The reader's whole inbox, newest first, page after page: the paths' notifications all reach the same inboxes, so
    /// one page of the newest could leave out what a path looks for.
    /// </summary>
    public async Task<List<JsonElement>> InboxAsync(Reader reader)
    {
        var client = await ClientAsync(reader);
        var items = new List<JsonElement>();
        var query = "?limit=200";
        while (true)
        {
            using var response = await client.GetAsync("/api/v1/me/notifications" + query);
            response.EnsureSuccessStatusCode();
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
            if (page.Count == 0)
            {
                return items;
            }

            items.AddRange(page);
            query = $"?limit=200&before={page[^1].GetProperty("id").GetGuid()}";
        }
    }

    /// <summary>The principal the node resolves for the reader, for the read paths the harness drives as services.</summary>
    public async Task<Principal> PrincipalAsync(Reader reader)
    {
        if (reader.Kind == PrincipalKind.Anonymous || (reader.Kind == PrincipalKind.PeerNode && reader.Organisation is null))
        {
            return reader.Kind == PrincipalKind.Anonymous ? Principal.Anonymous
                : new Principal(PrincipalKind.PeerNode, null, new HashSet<Guid>(), Role.ReadOnly, "peer.example");
        }

        if (_principals.TryGetValue(reader.Name, out var known))
        {
            return known;
        }

        // The recipients' peer node holds the audiences its node's organisation is in.
        await using var scope = Node.Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<IPrincipalResolver>()
            .ForOrganisationAsync(Alliance.OrgId(reader.Organisation!), reader.Role, reader.Name, CancellationToken.None);
        if (reader.Kind == PrincipalKind.PeerNode)
        {
            principal = new Principal(PrincipalKind.PeerNode, null, principal.AudienceIds, Role.ReadOnly, "remote.example");
        }

        return _principals[reader.Name] = principal;
    }

    /// <summary>A service of the node in a fresh scope.</summary>
    public async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> use)
        where TService : notnull
    {
        await using var scope = Node.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _taxii)
        {
            client.Dispose();
        }

        foreach (var browser in _browsers.Values.Where(b => b.IsValueCreated && b.Value.IsCompletedSuccessfully))
        {
            (await browser.Value).Dispose();
        }

        Alliance.Dispose();
        await Node.DisposeAsync();
    }
}
