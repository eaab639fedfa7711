using Concord.Intel;
using Microsoft.EntityFrameworkCore;

namespace Concord.IntegrationTests.Intel;

/// <summary>An indicator whose pattern compares a property with a value no object can hold is refused at import, with the rule and the column.</summary>
public class PatternValueImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_IndicatorWithImpossibleIpv4_IsRejectedWithTheRuleAndColumn_AndNothingElseIsLost(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var impossible = Bundles.Indicator();
        impossible["pattern"] = "[ipv4-addr:value = '999.1.2.3']";

        var report = await h.ImportAsync(principal, Bundles.Bundle(Bundles.Indicator(), impossible), new ImportOptions { Policy = ImportPolicy.BestEffort });

        Assert.Equal((2, 1, 1), (report.Processed, report.Stored, report.Rejected));
        var issue = Assert.Single(Assert.Single(report.Errors).Issues);
        Assert.Equal(("pattern-value", "$.objects[1].pattern"), (issue.Rule, issue.Path));
        Assert.StartsWith("At column 20: '999.1.2.3' is not a valid ipv4-addr:value", issue.Message, StringComparison.Ordinal);
        Assert.Equal(1, await h.Db.Objects.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_IndicatorWithSchemelessUrl_IsStored_ForRfc3986AllowsARelativeReference(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var relative = Bundles.Indicator();
        relative["pattern"] = "[url:value = 'www.evil.example/x.exe']";

        var report = await h.ImportAsync(principal, Bundles.Bundle(relative));

        Assert.Equal((1, 0), (report.Stored, report.Rejected));
        Assert.Equal(1, await h.Db.Objects.CountAsync(Ct));
    }
}
