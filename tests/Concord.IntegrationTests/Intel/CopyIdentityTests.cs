using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Taxii;
using Concord.Stix;
using Concord.Stix.Identifiers;
using Concord.Stix.Markings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Intel;

/// <summary>
/// Ownership is part of identity (issue 11, items 1 and 2): each organisation's copy of a STIX id is its own. Another
/// organisation's import of the same id never blocks, reveals, overwrites or versions it; readers who see several copies
/// see identical ones once with every owner, and TAXII serves the primary copy's versions only.
/// </summary>
public class CopyIdentityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Sco(string value, Tlp tlp)
    {
        var properties = new JsonObject { ["value"] = value };
        using var document = JsonDocument.Parse(properties.ToJsonString());
        Assert.True(ScoIds.TryCompute("ipv4-addr", document.RootElement, out var id));
        return new JsonObject
        {
            ["type"] = "ipv4-addr",
            ["spec_version"] = "2.1",
            ["id"] = id,
            ["value"] = value,
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(tlp)),
        };
    }

    private static async Task<JsonElement> ReportAsync(HttpClient client, JsonNode o, string query)
    {
        using var response = await client.ImportAsync(Bundles.Bundle(o), query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SameSco_HeldRedByOne_IsStoredAsANewCopyForAnother_SoTheImportRevealsNothing(Store store)
    {
        await using var h = await TaxiiHarness.StartAsync(store, null, "Alpha", "Charlie", "Delta");
        var alpha = await h.Members.ClientAsync("Alpha", Role.Analyst);
        var charlie = await h.Members.ClientAsync("Charlie", Role.Analyst);
        var delta = await h.Members.ClientAsync("Delta", Role.ReadOnly);
        var held = Sco("203.0.113.231", Tlp.Red);
        var id = held["id"]!.GetValue<string>();
        var report = await ReportAsync(alpha, held, "scope=owner");
        Assert.Equal(1, report.GetProperty("stored").GetInt32());

        // Charlie's answer for a value Alpha holds equals its answer for a value nobody holds.
        var known = await ReportAsync(charlie, Sco("203.0.113.231", Tlp.Green), "scope=alliance");
        var unknown = await ReportAsync(charlie, Sco("203.0.113.232", Tlp.Green), "scope=alliance");
        Assert.Equal((1, 0), (known.GetProperty("stored").GetInt32(), known.GetProperty("duplicates").GetInt32()));
        Assert.Equal((1, 0), (unknown.GetProperty("stored").GetInt32(), unknown.GetProperty("duplicates").GetInt32()));

        // Charlie reads its own copy; Delta reads Charlie's, never Alpha's; Alpha still holds its RED copy.
        var charlieRead = await (await charlie.GetAsync($"/api/v1/objects/{id}", Ct)).JsonAsync();
        Assert.Equal(h.Members.OrgId("Charlie"), charlieRead.GetProperty("owner").GetGuid());
        Assert.Equal("GREEN", charlieRead.GetProperty("tlp").GetString());
        Assert.Empty(charlieRead.GetProperty("copies").EnumerateArray());
        var deltaRead = await (await delta.GetAsync($"/api/v1/objects/{id}", Ct)).JsonAsync();
        Assert.Equal(h.Members.OrgId("Charlie"), deltaRead.GetProperty("owner").GetGuid());
        Assert.Empty(deltaRead.GetProperty("also_shared_by").EnumerateArray());
        Assert.Empty(deltaRead.GetProperty("copies").EnumerateArray());
        var alphaRead = await (await alpha.GetAsync($"/api/v1/objects/{id}?owner={h.Members.OrgId("Alpha")}", Ct)).JsonAsync();
        Assert.Equal("RED", alphaRead.GetProperty("tlp").GetString());

        // The same import again is a duplicate of Charlie's own copy only.
        var again = await ReportAsync(charlie, Sco("203.0.113.231", Tlp.Green), "scope=alliance");
        Assert.Equal((0, 1), (again.GetProperty("stored").GetInt32(), again.GetProperty("duplicates").GetInt32()));

        // Over TAXII too: Charlie's POST is a success that Charlie can read back.
        var taxiiDelta = await h.ClientAsync("Delta", Role.ReadOnly);
        using var served = await taxiiDelta.GetAsync($"{TaxiiHarness.All}objects/{id}/", Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("203.0.113.231", await served.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ABundleHeldAmberByOne_IsStoredWhenAnotherSharesItPublicly(Store store)
    {
        await using var h = await TaxiiHarness.StartAsync(store, null, "Alpha", "Bravo", "Delta");
        var alpha = await h.Members.ClientAsync("Alpha", Role.Analyst);
        var bravo = await h.Members.ClientAsync("Bravo", Role.Analyst);
        var delta = await h.Members.ClientAsync("Delta", Role.ReadOnly);
        var patterns = Enumerable.Range(0, 100).Select(i => (JsonNode)new JsonObject
        {
            ["type"] = "attack-pattern",
            ["spec_version"] = "2.1",
            ["id"] = Bundles.NewId("attack-pattern"),
            ["created"] = "2026-01-01T00:00:00.000Z",
            ["modified"] = "2026-01-01T00:00:00.000Z",
            ["name"] = $"Technique {i}",
        }).ToArray();

        using (var held = await bravo.ImportAsync(Bundles.Bundle(patterns), "tlp=amber&scope=owner"))
        {
            Assert.Equal(100, (await held.JsonAsync()).GetProperty("stored").GetInt32());
        }

        using var shared = await alpha.ImportAsync(Bundles.Bundle(patterns), "tlp=clear&scope=public");
        var report = await shared.JsonAsync();

        Assert.Equal((100, 0), (report.GetProperty("stored").GetInt32(), report.GetProperty("duplicates").GetInt32()));
        Assert.Equal(100, (await delta.ListIdsAsync("type=attack-pattern")).Count);
        var read = await (await delta.GetAsync($"/api/v1/objects/{patterns[0]["id"]}", Ct)).JsonAsync();
        Assert.Equal(h.Members.OrgId("Alpha"), read.GetProperty("owner").GetGuid());

        // Bravo sees both copies of identical bytes: one result, Alpha's (stored second) named as also sharing it.
        var bravoList = await (await bravo.GetAsync("/api/v1/objects?type=attack-pattern&limit=1000", Ct)).JsonAsync();
        var items = bravoList.GetProperty("objects").EnumerateArray().ToList();
        Assert.Equal(100, items.Count);
        Assert.All(items, i => Assert.Equal(h.Members.OrgId("Bravo"), i.GetProperty("owner").GetGuid()));
        Assert.All(items, i => Assert.Equal([h.Members.OrgId("Alpha")], i.GetProperty("also_shared_by").EnumerateArray().Select(e => e.GetGuid())));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ALaterVersionFromAnotherOrganisation_IsItsOwnCopy_NeverAVersionOfTheOwners(Store store)
    {
        await using var h = await TaxiiHarness.StartAsync(store, null, "Alpha", "Bravo", "Delta");
        var alpha = await h.Members.ClientAsync("Alpha", Role.Analyst);
        var bravo = await h.Members.ClientAsync("Bravo", Role.Analyst);
        var delta = await h.Members.ClientAsync("Delta", Role.ReadOnly);
        var original = Bundles.Indicator(tlp: Tlp.Green);
        var id = original["id"]!.GetValue<string>();
        await ReportAsync(alpha, original, "scope=alliance");

        var forged = Bundles.Indicator(id, "2026-03-01T00:00:00.000Z", Tlp.Green, name: "Forged");
        forged["pattern"] = "[ipv4-addr:value = '8.8.8.8']";
        var revoked = Bundles.Indicator(id, "2026-04-01T00:00:00.000Z", Tlp.Green, name: "Forged");
        revoked["revoked"] = true;
        Assert.Equal(1, (await ReportAsync(bravo, forged, "scope=alliance")).GetProperty("stored").GetInt32());
        Assert.Equal(1, (await ReportAsync(bravo, revoked, "scope=alliance")).GetProperty("stored").GetInt32());

        foreach (var reader in new[] { alpha, delta })
        {
            var read = await (await reader.GetAsync($"/api/v1/objects/{id}", Ct)).JsonAsync();
            Assert.Equal(h.Members.OrgId("Alpha"), read.GetProperty("owner").GetGuid());
            Assert.False(read.GetProperty("revoked").GetBoolean());
            Assert.Equal("[ipv4-addr:value = '198.51.100.7']", read.GetProperty("object").GetProperty("pattern").GetString());
            var copy = Assert.Single(read.GetProperty("copies").EnumerateArray());
            Assert.Equal(h.Members.OrgId("Bravo"), copy.GetProperty("owner").GetGuid());
            Assert.False(copy.GetProperty("identical").GetBoolean());

            var versions = await (await reader.GetAsync($"/api/v1/objects/{id}/versions", Ct)).JsonAsync();
            Assert.Equal(["2026-01-01T00:00:00.000Z"], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        }

        // Bravo's copy is read by naming its owner, and is listed as Bravo's own.
        var bravoCopy = await (await delta.GetAsync($"/api/v1/objects/{id}?owner={h.Members.OrgId("Bravo")}", Ct)).JsonAsync();
        Assert.True(bravoCopy.GetProperty("revoked").GetBoolean());

        // TAXII serves one object per (id, version): the primary copy's versions only.
        var taxii = await h.ClientAsync("Delta", Role.ReadOnly);
        var latest = await TaxiiHarness.JsonAsync(await taxii.GetAsync($"{TaxiiHarness.All}objects/{id}/", Ct));
        var served = Assert.Single(latest["objects"]!.AsArray());
        Assert.Equal("2026-01-01T00:00:00.000Z", served!["modified"]!.GetValue<string>());
        var all = await TaxiiHarness.JsonAsync(await taxii.GetAsync($"{TaxiiHarness.All}objects/{id}/versions/", Ct));
        Assert.Equal(["2026-01-01T00:00:00.000Z"], all["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        var listed = await TaxiiHarness.JsonAsync(await taxii.GetAsync($"{TaxiiHarness.All}objects/?match[id]={id}&match[version]=all", Ct));
        Assert.Single(listed["objects"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TheCopyTaxiiServes_DependsOnlyOnWhatTheReaderMaySee(Store store)
    {
        await using var h = await TaxiiHarness.StartAsync(store, null, "Alpha", "Bravo", "Delta");
        var alpha = await h.Members.ClientAsync("Alpha", Role.Analyst);
        var bravo = await h.Members.ClientAsync("Bravo", Role.Analyst);
        var original = Bundles.Indicator(tlp: Tlp.Red, name: "Alpha's");
        var id = original["id"]!.GetValue<string>();
        await ReportAsync(alpha, original, "scope=owner");
        await ReportAsync(bravo, Bundles.Indicator(id, tlp: Tlp.Green, name: "Bravo's"), "scope=alliance");

        // Alpha's earlier RED copy is hidden from Delta, so Delta is served Bravo's copy as if Alpha's did not exist.
        var taxii = await h.ClientAsync("Delta", Role.ReadOnly);
        var served = await TaxiiHarness.JsonAsync(await taxii.GetAsync($"{TaxiiHarness.All}objects/{id}/", Ct));
        Assert.Equal("Bravo's", Assert.Single(served["objects"]!.AsArray())!["name"]!.GetValue<string>());

        // Alpha sees both: its own copy, stored first, is the one served to it.
        var alphaTaxii = await h.ClientAsync("Alpha", Role.ReadOnly);
        served = await TaxiiHarness.JsonAsync(await alphaTaxii.GetAsync($"{TaxiiHarness.All}objects/{id}/", Ct));
        Assert.Equal("Alpha's", Assert.Single(served["objects"]!.AsArray())!["name"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TheOnlyCopyFlag_FollowsEveryWriter_AndTaxiiServesOneCopyThroughout(Store store)
    {
        await using var h = await TaxiiHarness.StartAsync(store, null, "Alpha", "Bravo", "Delta");
        var alpha = await h.Members.ClientAsync("Alpha", Role.Analyst);
        var bravo = await h.Members.ClientAsync("Bravo", Role.Analyst);
        var taxii = await h.ClientAsync("Delta", Role.ReadOnly);
        var (alphaId, bravoId) = (h.Members.OrgId("Alpha"), h.Members.OrgId("Bravo"));
        var shared = Bundles.Indicator(tlp: Tlp.Green, name: "Alpha's");
        var id = shared["id"]!.GetValue<string>();
        var alphaOnly = Bundles.Indicator(tlp: Tlp.Green);
        var bravoOnly = Bundles.Indicator(tlp: Tlp.Green);
        await using var scope = h.Node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Concord.Intel.Data.IntelDbContext>();

        async Task<List<(Guid Owner, string? Version, bool Sole)>> FlagsAsync(string of) =>
            (await db.Objects.AsNoTracking().Where(o => o.StixId == of).OrderBy(o => o.Seq).Select(o => new { o.OwnerOrgId, o.Modified, o.SoleCopy }).ToListAsync(Ct))
            .ConvertAll(o => (o.OwnerOrgId, o.Modified, o.SoleCopy));

        async Task<string> ServedAsync()
        {
            var page = await TaxiiHarness.JsonAsync(await taxii.GetAsync($"{TaxiiHarness.All}objects/?match[id]={id}&match[version]=all", Ct));
            return string.Join(",", page["objects"]!.AsArray().Select(o => $"{o!["name"]}@{o["modified"]!.GetValue<string>()[..10]}"));
        }

        // One organisation's id, new (the bulk path) and then versioned (the staging path): its only copy.
        using (var response = await alpha.ImportAsync(Bundles.Bundle(shared, alphaOnly), "scope=alliance"))
        {
            Assert.Equal(2, (await response.JsonAsync()).GetProperty("stored").GetInt32());
        }

        await ReportAsync(alpha, Bundles.Indicator(id, "2026-02-01T00:00:00.000Z", Tlp.Green, name: "Alpha's"), "scope=alliance");
        Assert.Equal([(alphaId, "2026-02-01T00:00:00.000Z", true)], (await FlagsAsync(id)).Skip(1));

        // Another organisation's copy of it, in a batch with an id of its own: no row of the shared id is its only copy.
        using (var response = await bravo.ImportAsync(Bundles.Bundle(Bundles.Indicator(id, tlp: Tlp.Green, name: "Bravo's"), bravoOnly), "scope=alliance"))
        {
            Assert.Equal(2, (await response.JsonAsync()).GetProperty("stored").GetInt32());
        }

        await ReportAsync(bravo, Bundles.Indicator(id, "2026-03-01T00:00:00.000Z", Tlp.Green, name: "Bravo's"), "scope=alliance");
        Assert.All(await FlagsAsync(id), r => Assert.False(r.Sole));
        Assert.Equal(4, (await FlagsAsync(id)).Count);
        Assert.True(Assert.Single(await FlagsAsync(alphaOnly["id"]!.GetValue<string>())).Sole);
        Assert.True(Assert.Single(await FlagsAsync(bravoOnly["id"]!.GetValue<string>())).Sole);
        Assert.Equal("Alpha's@2026-01-01,Alpha's@2026-02-01", await ServedAsync());

        // Deleting a version leaves both copies; deleting the first copy leaves Bravo's as the id's only one.
        using (var deleted = await alpha.DeleteAsync($"/api/v1/objects/{id}?version=2026-01-01T00:00:00.000Z", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        Assert.All(await FlagsAsync(id), r => Assert.False(r.Sole));
        using (var deleted = await alpha.DeleteAsync($"/api/v1/objects/{id}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        Assert.Equal([(bravoId, "2026-01-01T00:00:00.000Z", true), (bravoId, "2026-03-01T00:00:00.000Z", true)], await FlagsAsync(id));
        Assert.Equal("Bravo's@2026-01-01,Bravo's@2026-03-01", await ServedAsync());

        // Revocation writes a version through the same writers: Bravo's copy stays the only one.
        using (var revoked = await bravo.PostAsync($"/api/v1/objects/{id}/revoke", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        Assert.All(await FlagsAsync(id), r => Assert.True(r.Sole));
        Assert.Equal(3, (await FlagsAsync(id)).Count);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeletingOnesCopy_LeavesAnothersUntouched(Store store)
    {
        await using var h = await TaxiiHarness.StartAsync(store, null, "Alpha", "Bravo");
        var alpha = await h.Members.ClientAsync("Alpha", Role.Analyst);
        var bravo = await h.Members.ClientAsync("Bravo", Role.Analyst);
        var o = Bundles.Indicator(tlp: Tlp.Green);
        var id = o["id"]!.GetValue<string>();
        await ReportAsync(alpha, o, "scope=alliance");
        await ReportAsync(bravo, o, "scope=alliance");

        using var deleted = await bravo.DeleteAsync($"/api/v1/objects/{id}?version=2026-01-01T00:00:00.000Z", Ct);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        var read = await (await bravo.GetAsync($"/api/v1/objects/{id}", Ct)).JsonAsync();
        Assert.Equal(h.Members.OrgId("Alpha"), read.GetProperty("owner").GetGuid());
        Assert.Empty(read.GetProperty("also_shared_by").EnumerateArray());
        using var again = await bravo.DeleteAsync($"/api/v1/objects/{id}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task IdenticalContent_ReceivedPrettyAndCompact_IsOneResultWithEveryOwner_AndOldRowsAreFilledIn(Store store)
    {
        await using var h = await TaxiiHarness.StartAsync(store, null, "Alpha", "Bravo", "Delta");
        var alpha = await h.Members.ClientAsync("Alpha", Role.Analyst);
        var bravo = await h.Members.ClientAsync("Bravo", Role.Analyst);
        var delta = await h.Members.ClientAsync("Delta", Role.ReadOnly);
        var o = Bundles.Indicator(tlp: Tlp.Green, name: "Caf\u00e9 C2");
        var id = o["id"]!.GetValue<string>();
        var pretty = JsonNode.Parse(Bundles.Bundle(o))!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        using (var first = await alpha.ImportAsync(pretty, "scope=alliance"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var second = await bravo.ImportAsync(Bundles.Bundle(o), "scope=alliance"))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        async Task<List<JsonElement>> ListedAsync() =>
            (await (await delta.GetAsync("/api/v1/objects?type=indicator", Ct)).JsonAsync()).GetProperty("objects").EnumerateArray().ToList();

        var listed = Assert.Single(await ListedAsync());
        Assert.Equal(h.Members.OrgId("Alpha"), listed.GetProperty("owner").GetGuid());
        Assert.Equal([h.Members.OrgId("Bravo")], listed.GetProperty("also_shared_by").EnumerateArray().Select(e => e.GetGuid()));
        var copy = Assert.Single((await (await delta.GetAsync($"/api/v1/objects/{id}", Ct)).JsonAsync()).GetProperty("copies").EnumerateArray());
        Assert.True(copy.GetProperty("identical").GetBoolean());

        // A store from before content hashes: its rows stand alone until the background fill reaches them.
        await using var scope = h.Node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Concord.Intel.Data.IntelDbContext>();
        await db.Objects.ExecuteUpdateAsync(s => s.SetProperty(r => r.ContentHash, (byte[]?)null), Ct);
        Assert.Equal(2, (await ListedAsync()).Count);

        // The upgrade's migration sets the pending mark (its SQL, run again here); the fill clears it, so later starts
        // do not walk the store again.
        var pending = Concord.Intel.Features.Objects.ContentHashFill.Mark;
        await db.Database.ExecuteSqlRawAsync("INSERT INTO intel_follower_marks (name, position, fingerprint) SELECT {0}, 0, NULL WHERE EXISTS (SELECT 1 FROM stix_objects WHERE content_hash IS NULL)", [pending], Ct);
        Assert.True(await db.FollowerMarks.AnyAsync(m => m.Name == pending, Ct));

        Assert.Equal(2, await h.Node.Services.GetRequiredService<Concord.Intel.Features.Objects.ContentHashFill>().RunAsync(Ct));
        Assert.Single(await ListedAsync());
        var rows = await db.Objects.AsNoTracking().ToListAsync(Ct);
        Assert.All(rows, r => Assert.Equal(Concord.Intel.Features.Import.ContentHash.Of(r.Json), r.ContentHash));
        Assert.False(await db.FollowerMarks.AsNoTracking().AnyAsync(m => m.Name == pending, Ct));
    }
}
