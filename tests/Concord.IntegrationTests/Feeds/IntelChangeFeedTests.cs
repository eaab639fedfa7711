using Concord.Access;
using Concord.Intel;
using Concord.IntegrationTests.Intel;
using Concord.Intel.Features.Feed;
using Concord.Platform.Feeds;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Feeds;

/// <summary>The Intel module's change feed: every kind of change, in commit order, resumable from any cursor.</summary>
public class IntelChangeFeedTests
{
    private const string V1 = "2026-01-01T00:00:00.000Z";
    private const string V2 = "2026-02-01T00:00:00.000Z";
    private const string V3 = "2026-03-01T00:00:00.000Z";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Feed_NamesEveryChange_InCommitOrder(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var other = IntelHarness.Member(h.Directory.AddOrganisation());
        var id = Bundles.NewId();

        await h.ImportAsync(owner, Bundles.Bundle(Bundles.Indicator(id, V1, Tlp.Green)), new ImportOptions { Scope = Scope.Alliance });
        await h.ImportAsync(owner, Bundles.Bundle(Bundles.Indicator(id, V2, Tlp.Green)), new ImportOptions { Scope = Scope.Alliance });
        await h.ImportAsync(owner, Bundles.Bundle(Bundles.Indicator(id, V3, Tlp.Amber)), new ImportOptions { Scope = Scope.Owner });
        await h.ImportAsync(other, Bundles.Bundle(Bundles.Indicator(id, V1, Tlp.Green)), new ImportOptions { Scope = Scope.Alliance });
        Assert.True((await h.Store.RevokeAsync(owner, id, Ct)).IsSuccess);
        Assert.True((await h.Store.DeleteAsync(other, id, Ct)).IsSuccess);

        var changes = await Feed(h).ReadAsync(0, 100, Ct);

        // The other organisation's copy is its own record: created, then deleted. A deleted version leaves the feed with
        // its row, so a follower that had not reached it yet sees only its deletion.
        Assert.Equal(
            [
                (ChangeKind.Created, owner.OrganisationId), (ChangeKind.Versioned, owner.OrganisationId), (ChangeKind.Narrowed, owner.OrganisationId),
                (ChangeKind.Revoked, owner.OrganisationId), (ChangeKind.Deleted, other.OrganisationId),
            ],
            changes.Select(c => (c.Kind, (Guid?)c.OwnerOrgId)));
        Assert.All(changes, c => Assert.Equal(("indicator", id), (c.RecordType, c.RecordId)));
        Assert.Equal(changes.Select(c => c.Seq).Order(), changes.Select(c => c.Seq));
        Assert.Equal(changes.Count, changes.Select(c => c.Seq).Distinct().Count());
        Assert.Equal(changes.Select(c => c.AtUs).Order(), changes.Select(c => c.AtUs));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Feed_ReadInSmallPagesFromEachCursor_GivesTheSameChanges(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var ids = Enumerable.Range(0, 4).Select(_ => Bundles.NewId()).ToList();
        await h.ImportAsync(owner, Bundles.Bundle([.. ids.Select(i => Bundles.Indicator(i, V1))]));
        Assert.True((await h.Store.DeleteAsync(owner, ids[1], Ct)).IsSuccess);
        await h.ImportAsync(owner, Bundles.Bundle(Bundles.Indicator(ids[2], V2)));
        Assert.True((await h.Store.DeleteAsync(owner, ids[3], Ct)).IsSuccess);
        var whole = await Feed(h).ReadAsync(0, 100, Ct);

        var paged = new List<FeedChange>();
        for (var cursor = 0L; await Feed(h).ReadAsync(cursor, 2, Ct) is { Count: > 0 } page; cursor = page[^1].Seq)
        {
            Assert.True(page.Count <= 2);
            paged.AddRange(page);
        }

        Assert.Equal([ChangeKind.Created, ChangeKind.Created, ChangeKind.Deleted, ChangeKind.Versioned, ChangeKind.Deleted], whole.Select(c => c.Kind));
        Assert.Equal(whole, paged);
        Assert.Empty(await Feed(h).ReadAsync(whole[^1].Seq, 100, Ct));
    }

    [Theory]
    [InlineData(Tlp.Green, Scope.Alliance, Tlp.Amber, Scope.Alliance, true)] // a stricter TLP
    [InlineData(Tlp.Green, Scope.Alliance, Tlp.Green, Scope.SharingGroup, true)] // a narrower scope
    [InlineData(Tlp.Amber, Scope.Recipients, Tlp.Amber, Scope.Recipients, false)] // the same audience
    [InlineData(Tlp.Amber, Scope.Alliance, Tlp.Green, Scope.Public, false)] // wider
    public void Narrower_ComparesTheVersionWithTheOneBefore(Tlp before, Scope scopeBefore, Tlp tlp, Scope scope, bool narrower)
    {
        var audience = Guid.NewGuid();

        Assert.Equal(narrower, IntelChangeFeed.Narrower(tlp, scope, audience, before, scopeBefore, audience));
    }

    [Fact]
    public void Narrower_AnotherRecipientList_IsNarrowerForWhoeverLeftIt() =>
        Assert.True(IntelChangeFeed.Narrower(Tlp.Amber, Scope.Recipients, Guid.NewGuid(), Tlp.Amber, Scope.Recipients, Guid.NewGuid()));

    private static IChangeFeed Feed(IntelHarness h) =>
        h.Node.Services.CreateScope().ServiceProvider.GetServices<IChangeFeed>().Single(f => f.Module == IntelModule.Name);
}
