using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Taxii;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Federation;

/// <summary>
/// What an owner takes back reaches the peer: a deleted version goes from the peer too, a copy narrowed beyond the peer
/// (a stricter TLP, a narrower scope) is removed there, a revocation arrives as the version it is; and the peer is told
/// only about what it could read, never about a record it never could.
/// </summary>
public class WithdrawalTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeletedVersions_NarrowedCopies_AndRevocations_ReachThePeer(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        await using var b = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo");
        var ct = TestContext.Current.CancellationToken;
        var shared = new ImportOptions { Scope = Scope.ConnectedNodes };

        var deleted = Bundles.Indicator(name: "Two versions, then deleted", tlp: Tlp.Green);
        var deletedV2 = Version(deleted, "2026-02-01T00:00:00.000Z");
        var narrowed = Bundles.Indicator(name: "Narrowed later", tlp: Tlp.Green);
        var revoked = Bundles.Indicator(name: "Revoked later", tlp: Tlp.Green);
        await a.SeedAsync("Alpha", shared, deleted, deletedV2, narrowed, revoked);

        var (peer, _) = await FederationNodes.ConnectAsync(a, b, ct);
        // Connecting pulls once in the background: the totals count what either pull stored.
        var first = await FederationNodes.SyncAsync(b, peer, ct);
        Assert.Null(first.Error);
        var admin = await b.Members.ClientAsync("Bravo", Role.NodeAdmin);
        var connected = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/federation/peers/{peer}", ct);
        Assert.Equal((4L, 0L), ((long)connected!["status"]!["received"]!, (long)connected["status"]!["rejected"]!));
        var bravo = await b.Members.ClientAsync("Bravo", Role.Analyst);
        Assert.Equal(2, await VersionCountAsync(bravo, deleted, ct));

        // One version deleted on A: B keeps the other.
        await OnAAsync(a, s => s.DeleteVersionsAsync, deleted, ["2026-01-01T00:00:00.000Z"], ct);
        var afterVersion = await FederationNodes.SyncAsync(b, peer, ct);
        Assert.Equal((1L, 0L, (string?)null), (afterVersion.Withdrawn, afterVersion.Rejected, afterVersion.Error));
        Assert.Equal(1, await VersionCountAsync(bravo, deleted, ct));

        // The whole object deleted on A; another narrowed to AMBER (its owner only); another revoked.
        await using (var scope = a.Node.Services.CreateAsyncScope())
        {
            var store_ = scope.ServiceProvider.GetRequiredService<IIntelStore>();
            var alpha = await a.PrincipalAsync("Alpha", Role.Analyst);
            Assert.True((await store_.DeleteAsync(alpha, (string)deleted["id"]!, ct)).IsSuccess);
            Assert.True((await store_.RevokeAsync(alpha, (string)revoked["id"]!, ct)).IsSuccess);
        }

        await a.SeedAsync("Alpha", Version(narrowed, "2026-02-01T00:00:00.000Z", Tlp.Amber));
        var afterAll = await FederationNodes.SyncAsync(b, peer, ct);
        Assert.Equal((2L, 1L, 0L), (afterAll.Withdrawn, afterAll.Stored, afterAll.Rejected));
        Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{deleted["id"]}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{narrowed["id"]}", ct)).StatusCode);
        var revokedOnB = await bravo.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{revoked["id"]}", ct);
        Assert.True((bool?)revokedOnB!["object"]!["revoked"]);

        // Widened again: the new version arrives, and only it — the version from before the narrowing is not sent again.
        await a.SeedAsync("Alpha", shared, Version(narrowed, "2026-03-01T00:00:00.000Z", Tlp.Green));
        var widened = await FederationNodes.SyncAsync(b, peer, ct);
        Assert.Equal((1L, 0L), (widened.Stored, widened.Withdrawn));
        var versions = await bravo.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{narrowed["id"]}/versions", ct);
        Assert.Equal(["2026-03-01T00:00:00.000Z"], versions!["versions"]!.AsArray().Select(v => (string?)v!["version"]));

        // Nothing new: one request, even though the store moved since the last withdrawals were read.
        var quiet = await FederationNodes.SyncAsync(b, peer, ct);
        Assert.Equal((1, 0L, 0L), (quiet.Requests, quiet.Stored, quiet.Withdrawn));
        var status = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/federation/peers/{peer}", ct);
        Assert.Equal(3, (long)status!["status"]!["withdrawn"]!);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Withdrawals_NameOnlyWhatThePeerCouldRead_AndANewPeerIsNotSentANarrowedCopy(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        await using var b = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b"), "Bravo");
        var ct = TestContext.Current.CancellationToken;

        // Narrowed before B ever connects: B must not get its first, GREEN version.
        var narrowedEarly = Bundles.Indicator(name: "Narrowed before the peer came", tlp: Tlp.Green);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, narrowedEarly);
        await a.SeedAsync("Alpha", Version(narrowedEarly, "2026-02-01T00:00:00.000Z", Tlp.Amber));

        var (peer, keyForB) = await FederationNodes.ConnectAsync(a, b, ct);
        var first = await FederationNodes.SyncAsync(b, peer, ct);
        Assert.Null(first.Error);
        var bravo = await b.Members.ClientAsync("Bravo", Role.Analyst);
        Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{narrowedEarly["id"]}", ct)).StatusCode);

        // As B reads A: where withdrawals start now.
        using var asPeer = a.Node.CreateClient();
        asPeer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", keyForB);
        var start = await asPeer.GetFromJsonAsync<JsonObject>("/api/v1/federation/withdrawals", ct);
        var position = (long)start!["position"]!;
        Assert.Empty(start["withdrawals"]!.AsArray());

        // Records B never could read, deleted or narrowed further: never named. One it could read: named, with its owner.
        var allianceOnly = Bundles.Indicator(name: "Alliance only", tlp: Tlp.Green);
        var amber = Bundles.Indicator(name: "Amber from the start", tlp: Tlp.Amber);
        var shared = Bundles.Indicator(name: "Shared, then deleted", tlp: Tlp.Green);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.Alliance }, allianceOnly);
        await a.SeedAsync("Alpha", amber);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, shared);
        await a.SeedAsync("Alpha", Version(amber, "2026-02-01T00:00:00.000Z", Tlp.Red));
        await a.SeedAsync("Alpha", Version(allianceOnly, "2026-02-01T00:00:00.000Z", Tlp.Amber));
        await OnAAsync(a, s => s.DeleteVersionsAsync, allianceOnly, ["2026-01-01T00:00:00.000Z"], ct);
        await OnAAsync(a, s => s.DeleteVersionsAsync, shared, ["2026-01-01T00:00:00.000Z"], ct);

        var list = await asPeer.GetFromJsonAsync<JsonObject>($"/api/v1/federation/withdrawals?after={position}", ct);
        var named = list!["withdrawals"]!.AsArray();
        var only = Assert.Single(named);
        Assert.Equal((string?)shared["id"], (string?)only!["id"]);
        Assert.Equal("deleted", (string?)only["kind"]);
        Assert.EndsWith("/" + a.Members.OrgId("Alpha"), (string?)only["owner"], StringComparison.Ordinal);
        Assert.False((bool)list["more"]!);

        // Bad positions and limits are refused by name; a member (not only a peer) reads its own withdrawals.
        var bad = await asPeer.GetAsync("/api/v1/federation/withdrawals?after=-1", ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("after", await bad.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await asPeer.GetAsync($"/api/v1/federation/withdrawals?after={position}&limit=0", ct)).StatusCode);
        using var anonymous = a.Node.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/federation/withdrawals", ct)).StatusCode);
    }

    private static JsonObject Version(JsonObject original, string modified, Tlp? tlp = null)
    {
        var next = original.DeepClone().AsObject();
        next["modified"] = modified;
        if (tlp is { } level)
        {
            next["object_marking_refs"] = new JsonArray(TlpMarkingId(level));
        }

        return next;
    }

    private static string TlpMarkingId(Tlp tlp) => Bundles.Indicator(tlp: tlp)["object_marking_refs"]![0]!.GetValue<string>();

    private static async Task OnAAsync(
        TaxiiHarness a, Func<IIntelStore, Func<Principal, string, IReadOnlyCollection<string>, CancellationToken, Task<Concord.Platform.Result<DeletedObject>>>> act,
        JsonObject target, string[] versions, CancellationToken ct)
    {
        await using var scope = a.Node.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIntelStore>();
        var result = await act(store)(await a.PrincipalAsync("Alpha", Role.Analyst), (string)target["id"]!, versions, ct);
        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    private static async Task<int> VersionCountAsync(HttpClient client, JsonObject target, CancellationToken ct) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{target["id"]}/versions", ct))!["versions"]!.AsArray().Count;
}
