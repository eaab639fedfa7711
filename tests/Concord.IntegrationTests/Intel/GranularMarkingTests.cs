using System.Net;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Taxii;
using Concord.Intel;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Stix;
using Concord.Stix.Markings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Intel;

/// <summary>
/// An object's TLP is the strictest TLP marking anywhere in it (granular markings included), because every path serves
/// the object whole: a CLEAR indicator whose description is marked TLP:RED is a TLP:RED object.
/// </summary>
public class GranularMarkingTests
{
    private const string Secret = "only-for-red-readers";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An indicator marked CLEAR as a whole whose description carries a granular marking of <paramref name="part"/>.</summary>
    public static JsonObject ClearWithMarkedDescription(Tlp part, string? name = null)
    {
        var indicator = Bundles.Indicator(tlp: Tlp.Clear, name: name ?? "granular " + Guid.NewGuid().ToString("N"), description: Secret);
        indicator["granular_markings"] = new JsonArray(new JsonObject { ["marking_ref"] = TlpMarkings.IdOf(part), ["selectors"] = new JsonArray("description") });
        return indicator;
    }

    private static string Id(JsonObject o) => o["id"]!.GetValue<string>();

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RestImport_RedDescriptionInAClearObject_ScopeNotAsked_IsStoredRedForTheOwnerOnly(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.NodeAdmin);
        var indicator = ClearWithMarkedDescription(Tlp.Red);

        using var response = await alpha.ImportAsync(Bundles.Bundle(indicator), "tlp=clear");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await (await alpha.GetAsync($"/api/v1/objects/{Id(indicator)}", Ct)).JsonAsync();
        Assert.Equal(("RED", "owner"), (stored.GetProperty("tlp").GetString(), stored.GetProperty("scope").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await bravo.GetAsync($"/api/v1/objects/{Id(indicator)}", Ct)).StatusCode);
        Assert.Empty(await bravo.ListIdsAsync($"q={Secret}"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RestImport_RedDescriptionInAClearObject_PublicAsked_IsRefusedAtItsGranularMarkings(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var plain = Bundles.Indicator(tlp: Tlp.Clear);
        var marked = ClearWithMarkedDescription(Tlp.Red);

        using var response = await alpha.ImportAsync(Bundles.Bundle(plain, marked), "policy=best-effort&scope=public");

        var report = await response.JsonAsync();
        Assert.Equal((1, 1), (report.GetProperty("stored").GetInt32(), report.GetProperty("rejected").GetInt32()));
        var issue = report.GetProperty("errors")[0].GetProperty("issues")[0];
        Assert.Equal(("scope-wider-than-tlp", "$.objects[1].granular_markings"), (issue.GetProperty("rule").GetString(), issue.GetProperty("path").GetString()));
        Assert.Contains("granular marking", issue.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal([Id(plain)], await alpha.ListIdsAsync(string.Empty));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RestImport_UnmarkedObjectWithALaxerGranularMarking_KeepsTheImportsTlp(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var indicator = ClearWithMarkedDescription(Tlp.Green);
        indicator.Remove("object_marking_refs");

        using var response = await alpha.ImportAsync(Bundles.Bundle(indicator), "tlp=amber");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await (await alpha.GetAsync($"/api/v1/objects/{Id(indicator)}", Ct)).JsonAsync();
        Assert.Equal(("AMBER", "owner"), (stored.GetProperty("tlp").GetString(), stored.GetProperty("scope").GetString()));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TaxiiPost_RedDescriptionInAClearObject_ToThePublicCollection_FailsAndNobodyReadsIt(Store store)
    {
        await using var h = await TaxiiHarness.StartAsync(store, new Dictionary<string, string?> { ["Concord:Taxii:AllowAnonymousPublicReads"] = "true" });
        var alpha = await h.ClientAsync("Alpha");
        var marked = ClearWithMarkedDescription(Tlp.Red);
        var tlp1 = ClearWithMarkedDescription(Tlp.Red);
        tlp1["granular_markings"]![0]!["marking_ref"] = TlpMarkings.Tlp1RedId;

        using var response = await alpha.PostAsync(TaxiiHarness.Public + "objects/", TaxiiHarness.Envelope(marked, tlp1), Ct);

        var status = await TaxiiHarness.JsonAsync(response);
        Assert.Equal((2, 0, 2), (status["total_count"]!.GetValue<int>(), status["success_count"]!.GetValue<int>(), status["failure_count"]!.GetValue<int>()));
        Assert.All(status["failures"]!.AsArray(), f => Assert.Contains("scope-wider-than-tlp", f!["message"]!.GetValue<string>(), StringComparison.Ordinal));
        var anonymous = await TaxiiHarness.JsonAsync(await h.Anonymous().GetAsync(TaxiiHarness.Public + "objects/", Ct));
        Assert.Empty(TaxiiHarness.Ids(anonymous));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Authoring_EditOfAnObjectWithARedGranularMarking_KeepsItRedAndRefusesPublic(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var author = IntelHarness.Member(h.Directory.AddOrganisation(Tlp.Clear));
        var marked = ClearWithMarkedDescription(Tlp.Red);
        await h.ImportAsync(author, Bundles.Bundle(marked));

        var draft = (await h.Authoring.DraftAsync(author, Id(marked), Ct)).Value!;
        Assert.Equal(Tlp.Red, draft.Tlp);
        var widened = await h.Authoring.SaveAsync(author, draft with { Tlp = Tlp.Clear, Scope = Scope.Public }, Ct);

        var issue = Assert.Single(widened.Issues);
        Assert.Equal(("scope", "scope-wider-than-tlp"), (issue.Field, issue.Rule));
        var kept = await h.Authoring.SaveAsync(author, draft with { Tlp = Tlp.Clear, Scope = null }, Ct);
        Assert.True(kept.IsSuccess, string.Join("; ", kept.Issues.Select(i => i.Message)));
        Assert.Equal((Tlp.Red, Scope.Owner), (kept.Saved!.Tlp, kept.Saved.Scope));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Restart_StoredBeforeTheRule_ObjectsWithStricterGranularMarkingsAreNarrowedBeforeAnyRead(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var other = IntelHarness.Member(h.Directory.AddOrganisation());
        var marked = ClearWithMarkedDescription(Tlp.Red);
        var harmless = ClearWithMarkedDescription(Tlp.Clear);
        await h.ImportAsync(owner, Bundles.Bundle(marked, harmless), new ImportOptions { Scope = Scope.Public, Policy = ImportPolicy.BestEffort });
        await h.ImportAsync(owner, Bundles.Bundle(marked));

        // As an older node stored it: CLEAR and public, whatever the description's marking said.
        await h.Db.Objects.Where(o => o.StixId == Id(marked)).ExecuteUpdateAsync(s => s.SetProperty(o => o.Tlp, Tlp.Clear).SetProperty(o => o.Scope, Scope.Public), Ct);
        h.Db.FollowerMarks.Add(new FollowerMark { Name = GranularTlpPass.Mark });
        await h.Db.SaveChangesAsync(Ct);
        Assert.True((await h.Store.GetAsync(Principal.Anonymous, Id(marked), null, Ct)).IsSuccess, "the old rule would serve it to anyone");

        await using var restarted = await h.StartOverAsync(store);
        await using var scope = restarted.Services.CreateAsyncScope();
        var store2 = scope.ServiceProvider.GetRequiredService<IIntelStore>();
        Assert.False((await store2.GetAsync(Principal.Anonymous, Id(marked), null, Ct)).IsSuccess);
        Assert.False((await store2.GetAsync(other, Id(marked), null, Ct)).IsSuccess);
        var kept = (await store2.GetAsync(owner, Id(marked), null, Ct)).Value!;
        Assert.Equal((Tlp.Red, Scope.Owner, (Guid?)null), (kept.Tlp, kept.Scope, kept.AudienceId));
        Assert.Equal((Tlp.Clear, Scope.Public), ((await store2.GetAsync(other, Id(harmless), null, Ct)).Value!.Tlp, (await store2.GetAsync(other, Id(harmless), null, Ct)).Value!.Scope));
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
        Assert.False(await db.FollowerMarks.AnyAsync(m => m.Name == GranularTlpPass.Mark, Ct));
    }
}
