using Concord.Access;
using Concord.Intel;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;

namespace Concord.IntegrationTests.Intel;

public class ImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_ValidBundle_StoresEveryObjectWithOwnerTlpAndScope(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var org = h.Directory.AddOrganisation(Tlp.Amber);
        var reader = IntelHarness.Member(org);
        var green = Bundles.Indicator(tlp: Tlp.Green, labels: ["malicious-activity"]);
        var unmarked = Bundles.Indicator();

        var report = await h.ImportAsync(reader, Bundles.Bundle(green, unmarked));

        Assert.True(report.Committed);
        Assert.Equal((2, 2, 0, 0), (report.Processed, report.Stored, report.Duplicates, report.Rejected));
        var first = (await h.Store.GetAsync(reader, green["id"]!.GetValue<string>(), null, Ct)).Value!;
        Assert.Equal((org, Tlp.Green, Scope.Alliance), (first.OwnerOrgId, first.Tlp, first.Scope));
        var second = (await h.Store.GetAsync(reader, unmarked["id"]!.GetValue<string>(), null, Ct)).Value!;
        Assert.Equal((Tlp.Amber, Scope.Owner), (second.Tlp, second.Scope));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_AllOrNothingWithInvalidObjects_StoresNothingAndReportsEveryError(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var badTime = Bundles.Indicator(modified: "yesterday");
        var noId = Bundles.Indicator();
        noId.Remove("id");

        var report = await h.ImportAsync(principal, Bundles.Bundle(Bundles.Indicator(), badTime, Bundles.Indicator(), noId));

        Assert.False(report.Committed);
        Assert.Equal((4, 0, 2), (report.Processed, report.Stored, report.Rejected));
        Assert.Equal([1, 3], report.Errors.Select(e => e.Index));
        Assert.Equal(badTime["id"]!.GetValue<string>(), report.Errors[0].Id);
        Assert.Equal("timestamp-format", report.Errors[0].Issues[0].Rule);
        Assert.Equal("$.objects[1].modified", report.Errors[0].Issues[0].Path);
        Assert.Equal("$.objects[3].id", report.Errors[1].Issues[0].Path);
        Assert.Equal(0, await h.Db.Objects.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_BestEffort_StoresValidObjectsAndReportsRejectedById(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var bad = Bundles.Indicator(modified: "2026-13-01T00:00:00Z");

        var report = await h.ImportAsync(principal, Bundles.Bundle(Bundles.Indicator(), bad, Bundles.Indicator()), new ImportOptions { Policy = ImportPolicy.BestEffort });

        Assert.True(report.Committed);
        Assert.Equal((3, 2, 1), (report.Processed, report.Stored, report.Rejected));
        var rejected = Assert.Single(report.Errors);
        Assert.Equal((1, bad["id"]!.GetValue<string>()), (rejected.Index, rejected.Id));
        Assert.Equal(2, await h.Db.Objects.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_SameBundleTwice_CountsDuplicatesAndStoresOnce(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var bundle = Bundles.Bundle(Bundles.Indicator(), Bundles.Indicator(), Bundles.Indicator());

        await h.ImportAsync(principal, bundle);
        var again = await h.ImportAsync(principal, bundle);

        Assert.True(again.Committed);
        Assert.Equal((3, 0, 3, 0), (again.Processed, again.Stored, again.Duplicates, again.Rejected));
        Assert.Equal(3, await h.Db.Objects.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_ScopeWiderThanObjectMarking_RejectsThatObjectWithTheRule(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());

        var report = await h.ImportAsync(principal, Bundles.Bundle(Bundles.Indicator(tlp: Tlp.Green), Bundles.Indicator(tlp: Tlp.Red)),
            new ImportOptions { Policy = ImportPolicy.BestEffort, Scope = Scope.Alliance });

        Assert.Equal((1, 1), (report.Stored, report.Rejected));
        Assert.Equal("scope-wider-than-tlp", report.Errors[0].Issues[0].Rule);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_ExplicitTlpAndWiderScope_IsRefusedBeforeReading(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Bundles.Bundle(Bundles.Indicator())));

        var result = await h.Store.ImportAsync(principal, body, new ImportOptions { Tlp = Tlp.Amber, Scope = Scope.Public }, null, Ct);

        Assert.Equal(("scope-wider-than-tlp", "scope"), (result.Error!.Rule, result.Error.Field));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_ByReadOnlyMember_IsForbidden(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Bundles.Bundle(Bundles.Indicator())));

        var result = await h.Store.ImportAsync(IntelHarness.Member(h.Directory.AddOrganisation(), Role.ReadOnly), body, new ImportOptions(), null, Ct);

        Assert.Equal(Concord.Platform.ErrorKind.Forbidden, result.Error!.Kind);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_MalformedJson_RejectsWithPosition(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var truncated = Bundles.Bundle(Bundles.Indicator(), Bundles.Indicator())[..^40];

        var report = await h.ImportAsync(principal, truncated);

        Assert.False(report.Committed);
        Assert.NotEmpty(report.Errors);
        Assert.Equal(0, await h.Db.Objects.CountAsync(Ct));
    }
}
