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
/// Near-real-time: a watching node holds a long poll open on its peer and pulls the moment the peer's store moves, so a
/// new record arrives without anyone asking and long before the periodic pull (a day here). The long poll itself answers
/// at once when the caller's position is past the one it gave, waits when it is not — what the caller may not read never
/// moves it — and refuses bad input by name.
/// </summary>
public class WatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ANewRecord_ReachesAWatchingPeer_WithoutAPullBeingAsked(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha");
        await using var b = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-b", watch: true), "Bravo");
        var (peer, _) = await FederationNodes.ConnectAsync(a, b, Ct);
        var admin = await b.Members.ClientAsync("Bravo", Role.NodeAdmin);
        await UntilAsync(async () => (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/federation/peers/{peer}", Ct))!["status"]!["lastSuccessAt"] is not null,
            "the first pull after connecting");

        var fresh = Bundles.Indicator(name: "Arrives by itself", tlp: Tlp.Green);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, fresh);
        var bravo = await b.Members.ClientAsync("Bravo", Role.Analyst);
        await UntilAsync(async () => (await bravo.GetAsync($"/api/v1/objects/{fresh["id"]}", Ct)).StatusCode == HttpStatusCode.OK,
            "the new record on the watching peer");

        // A deletion is a change too: it is withdrawn the same way.
        await using (var scope = a.Node.Services.CreateAsyncScope())
        {
            var deleted = await scope.ServiceProvider.GetRequiredService<IIntelStore>().DeleteAsync(await a.PrincipalAsync("Alpha", Role.Analyst), (string)fresh["id"]!, Ct);
            Assert.True(deleted.IsSuccess);
        }

        await UntilAsync(async () => (await bravo.GetAsync($"/api/v1/objects/{fresh["id"]}", Ct)).StatusCode == HttpStatusCode.NotFound,
            "the deletion on the watching peer");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TheLongPoll_AnswersAtOnceWhenTheStoreMoved_WaitsWhenItDidNot_AndRefusesBadInput(Store store)
    {
        await using var a = await TaxiiHarness.StartAsync(store, FederationNodes.Settings("node-a"), "Alpha", "Other");
        var analyst = await a.Members.ClientAsync("Alpha", Role.Analyst);
        await a.SeedAsync("Alpha", Bundles.Indicator(name: "Alpha's first", tlp: Tlp.Green));
        var start = (long)(await analyst.GetFromJsonAsync<JsonObject>("/api/v1/federation/withdrawals", Ct))!["position"]!;
        Assert.True(start > 0);

        // Only what Other may read is stored and deleted since: after a one-second wait, the same position.
        var hidden = Bundles.Indicator(name: "Other's own", tlp: Tlp.Amber);
        await a.SeedAsync("Other", hidden);
        await using (var scope = a.Node.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IIntelStore>().DeleteAsync(await a.PrincipalAsync("Other", Role.Analyst), (string)hidden["id"]!, Ct)).IsSuccess);
        }

        var quiet = await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/federation/changes?after={start}&wait=1", Ct);
        Assert.Equal(start, (long)quiet!["position"]!);

        // Something Alpha may read stored while the poll is held: it answers with the new position, long before its 25 s.
        var held = analyst.GetFromJsonAsync<JsonObject>($"/api/v1/federation/changes?after={start}", Ct);
        await a.SeedAsync("Alpha", Bundles.Indicator(name: "Moves Alpha's position", tlp: Tlp.Amber));
        Assert.True((long)(await held)!["position"]! > start);

        // Already past: at once.
        var past = await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/federation/changes?after=0&wait=30", Ct);
        Assert.True((long)past!["position"]! > start);

        foreach (var (query, field) in new[] { ("after=-1", "after"), ($"after={start}&wait=31", "wait"), ($"after={start}&wait=-1", "wait"), ("wait=1", "after") })
        {
            using var bad = await analyst.GetAsync($"/api/v1/federation/changes?{query}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains($"\"{field}\"", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using var anonymous = a.Node.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/federation/changes?after={start}&wait=0", Ct)).StatusCode);
    }

    /// <summary>Background work runs on the node's own threads: wait (up to 30 s) for its effect.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300 && !await condition(); i++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.True(await condition(), $"waited 30 s for {what}");
    }
}
