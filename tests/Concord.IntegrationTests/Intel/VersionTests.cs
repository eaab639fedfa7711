using Concord.Access;
using Concord.Intel;
using Concord.Platform;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;

namespace Concord.IntegrationTests.Intel;

public class VersionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_NewVersions_KeepsEveryVersionAndServesTheNewestAsLatest(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var id = Bundles.NewId();
        await h.ImportAsync(principal, Bundles.Bundle(Bundles.Indicator(id, "2026-01-02T00:00:00.000Z", name: "v2")));
        await h.ImportAsync(principal, Bundles.Bundle(Bundles.Indicator(id, "2026-01-01T00:00:00.000Z", name: "v1"), Bundles.Indicator(id, "2026-01-03T00:00:00.000Z", name: "v3")));

        var versions = (await h.Store.VersionsAsync(principal, id, Ct)).Value!;
        var latest = (await h.Store.GetAsync(principal, id, null, Ct)).Value!;
        var first = (await h.Store.GetAsync(principal, id, "2026-01-01T00:00:00Z", Ct)).Value!;
        var page = await h.Store.QueryAsync(principal, new ObjectQuery(), Ct);

        Assert.Equal(["2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z"], versions.Select(v => v.Version));
        Assert.Equal("2026-01-03T00:00:00.000Z", latest.Version);
        Assert.Equal("2026-01-01T00:00:00.000Z", first.Version);
        Assert.Equal("2026-01-03T00:00:00.000Z", Assert.Single(page.Items).Version);
        Assert.Equal(3, (await h.Store.QueryAsync(principal, new ObjectQuery { AllVersions = true }, Ct)).Items.Count);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_SameIdAndVersionInOneBundle_StoresItOnce(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var o = Bundles.Indicator();

        var report = await h.ImportAsync(principal, Bundles.Bundle(o, o));

        Assert.Equal((1, 1), (report.Stored, report.Duplicates));
        Assert.Equal(1, await h.Db.Objects.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DateAdded_AcrossImports_IsStrictlyIncreasingEvenWhenTheClockGoesBack(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        await h.ImportAsync(principal, Bundles.Bundle(Bundles.Indicator(), Bundles.Indicator()));

        // As if those were added while the clock ran five hours ahead, and it has since been set back.
        await h.Db.Objects.ExecuteUpdateAsync(s => s.SetProperty(o => o.DateAddedUs, o => o.DateAddedUs + (5L * 3600 * 1_000_000)), Ct);
        await h.ImportAsync(principal, Bundles.Bundle(Bundles.Indicator(), Bundles.Indicator()));

        var items = (await h.Store.QueryAsync(principal, new ObjectQuery(), Ct)).Items;

        // Objects of one import share their date_added; a later import's come strictly later.
        Assert.Equal(4, items.Count);
        for (var i = 1; i < items.Count; i++)
        {
            Assert.True(items[i].Sequence > items[i - 1].Sequence);
            Assert.True(i == 2 ? items[i].DateAdded > items[i - 1].DateAdded : items[i].DateAdded == items[i - 1].DateAdded);
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Revoke_ByOwner_AddsARevokedVersionBuiltFromTheLatest(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var o = Bundles.Indicator(tlp: Tlp.Green);
        var id = o["id"]!.GetValue<string>();
        await h.ImportAsync(principal, Bundles.Bundle(o));

        var revoked = await h.Store.RevokeAsync(principal, id, Ct);

        Assert.True(revoked.IsSuccess);
        Assert.True(revoked.Value!.Revoked);
        var versions = (await h.Store.VersionsAsync(principal, id, Ct)).Value!;
        Assert.Equal([false, true], versions.Select(v => v.Revoked));
        var json = System.Text.Json.Nodes.JsonNode.Parse(revoked.Value.Json.Span)!;
        Assert.True(json["revoked"]!.GetValue<bool>());
        Assert.Equal(1.50, json["x_custom"]!["kept"]!.GetValue<double>());
        Assert.Equal((Tlp.Green, Scope.Alliance), (revoked.Value.Tlp, revoked.Value.Scope));
        Assert.Equal("already-revoked", (await h.Store.RevokeAsync(principal, id, Ct)).Error!.Rule);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RevokeAndDelete_ByAnotherOrganisation_ForbiddenWhenVisibleAndNotFoundWhenHidden(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var other = IntelHarness.Member(h.Directory.AddOrganisation());
        var shared = Bundles.Indicator(tlp: Tlp.Green);
        var hidden = Bundles.Indicator(tlp: Tlp.Red);
        await h.ImportAsync(owner, Bundles.Bundle(shared, hidden), new ImportOptions { Policy = ImportPolicy.BestEffort });

        Assert.Equal(ErrorKind.Forbidden, (await h.Store.RevokeAsync(other, shared["id"]!.GetValue<string>(), Ct)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await h.Store.DeleteAsync(other, shared["id"]!.GetValue<string>(), Ct)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await h.Store.RevokeAsync(other, hidden["id"]!.GetValue<string>(), Ct)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await h.Store.DeleteAsync(other, hidden["id"]!.GetValue<string>(), Ct)).Error!.Kind);
        var readOnlyOwner = IntelHarness.Member(owner.OrganisationId!.Value, Role.ReadOnly);
        Assert.Equal(ErrorKind.Forbidden, (await h.Store.DeleteAsync(readOnlyOwner, shared["id"]!.GetValue<string>(), Ct)).Error!.Kind);
    }
}
