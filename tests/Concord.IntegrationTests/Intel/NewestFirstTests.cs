using Concord.Intel;
using Concord.Stix;

namespace Concord.IntegrationTests.Intel;

public class NewestFirstTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Query_NewestFirst_PagesBackwardsThroughAdditionsWithTheCursor(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var names = Enumerable.Range(1, 5).Select(i => $"n{i}").ToList();
        await h.ImportAsync(owner, Bundles.Bundle([.. names.Select(n => Bundles.Indicator(name: n, tlp: Tlp.Green))]));
        var ct = TestContext.Current.CancellationToken;

        var first = await h.Store.QueryAsync(owner, new ObjectQuery { NewestFirst = true, Limit = 3 }, ct);
        var second = await h.Store.QueryAsync(owner, new ObjectQuery { NewestFirst = true, Limit = 3, After = first.Next }, ct);

        var seqs = first.Items.Concat(second.Items).Select(i => i.Sequence).ToList();
        Assert.Equal(5, seqs.Count);
        Assert.Equal(seqs.OrderDescending(), seqs);
        Assert.Null(second.Next);
    }
}
