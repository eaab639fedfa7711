using Concord.Observables.Ownership;

namespace Concord.Observables.Tests.Ownership;

public sealed class ConstituencyIndexTests
{
    private static readonly Guid National = Guid.Parse("11111111-0000-0000-0000-000000000001");
    private static readonly Guid Energy = Guid.Parse("11111111-0000-0000-0000-000000000002");
    private static readonly Guid Hoster = Guid.Parse("11111111-0000-0000-0000-000000000003");
    private static readonly Guid Other = Guid.Parse("11111111-0000-0000-0000-000000000004");

    private static ConstituencyClaim Claim(Guid owner, string value) => new(owner, Observable.Detect(value).Value);

    private static readonly ConstituencyIndex Index = ConstituencyIndex.Build(
    [
        Claim(National, "198.51.0.0/16"),
        Claim(Energy, "198.51.100.0/24"),
        Claim(Hoster, "198.51.100.128/25"),
        Claim(Other, "198.51.100.0/24"), // an overlap: two teams claim the same range, both answer
        Claim(National, "2001:db8::/32"),
        Claim(Energy, "2001:db8:42::/48"),
        Claim(National, "example"),
        Claim(Energy, "grid.example"),
        Claim(Hoster, "cdn.grid.example"),
        Claim(Hoster, "AS64500"),
    ]);

    private static IReadOnlyList<ConstituencyMatch> Find(string value) => Index.Find(Observable.Detect(value).Value);

    [Fact]
    public void Address_AnswersTheLongestPrefixFirst_ThenTheNetworksAroundIt()
    {
        var matches = Find("198.51.100.200");
        Assert.Equal(
            [(Hoster, "198.51.100.128/25", 25, true), (Energy, "198.51.100.0/24", 24, false), (Other, "198.51.100.0/24", 24, false), (National, "198.51.0.0/16", 16, false)],
            matches.Select(m => (m.Owner, m.Claim.Value, m.Specificity, m.Primary)));
        Assert.All(matches, m => Assert.Equal(ConstituencyRelation.Covers, m.Relation));
    }

    [Fact]
    public void OverlappingClaims_AreBothPrimary()
    {
        var primary = Find("198.51.100.7").Where(m => m.Primary).Select(m => m.Owner).Order().ToList();
        Assert.Equal([Energy, Other], primary);
    }

    [Fact]
    public void Network_ListsTheDelegationsInsideIt()
    {
        var matches = Find("198.51.100.0/24");
        Assert.Equal([Energy, Other], matches.Where(m => m.Primary).Select(m => m.Owner).Order());
        var within = Assert.Single(matches, m => m.Relation == ConstituencyRelation.Within);
        Assert.Equal((Hoster, "198.51.100.128/25"), (within.Owner, within.Claim.Value));
    }

    [Fact]
    public void Ipv6_AndIpv4MappedAddresses_Match()
    {
        Assert.Equal([Energy, National], Find("2001:db8:42::1").Select(m => m.Owner));
        Assert.Equal(Hoster, Find("::ffff:198.51.100.130")[0].Owner);
    }

    [Fact]
    public void Domain_MatchesBySuffix_MostSpecificFirst_AndNotByTextAlone()
    {
        Assert.Equal([Hoster, Energy, National], Find("img.cdn.grid.example").Select(m => m.Owner));
        Assert.Equal([Energy, National], Find("grid.example").Where(m => m.Relation == ConstituencyRelation.Covers).Select(m => m.Owner));
        Assert.Equal([National], Find("mygrid.example").Select(m => m.Owner));
        Assert.Empty(Find("example.org"));
    }

    [Fact]
    public void Domain_ListsSubdomainsClaimedByOthers()
    {
        var within = Find("grid.example").Where(m => m.Relation == ConstituencyRelation.Within).ToList();
        Assert.Equal((Hoster, "cdn.grid.example"), (Assert.Single(within).Owner, within[0].Claim.Value));
    }

    [Fact]
    public void UrlsAndEmailAddresses_AreLookedUpByTheirHost()
    {
        Assert.Equal(Energy, Find("https://portal.grid.example/login")[0].Owner);
        Assert.Equal(Hoster, Find("http://198.51.100.129:8080/x")[0].Owner);
        Assert.Equal(Energy, Find("soc@grid.example")[0].Owner);
    }

    [Fact]
    public void AsNumbers_MatchExactly_WhateverTheirNotation()
    {
        Assert.Equal(Hoster, Assert.Single(Find("AS64500")).Owner);
        Assert.Equal(Hoster, Assert.Single(Index.Find(Observable.Parse(ObservableKind.AutonomousSystem, "64500").Value)).Owner);
        Assert.Empty(Find("AS64501"));
    }

    [Fact]
    public void UnclaimedValues_AndKindsNoConstituencyHolds_AnswerNothing()
    {
        Assert.Empty(Find("203.0.113.9"));
        Assert.Empty(Find("d41d8cd98f00b204e9800998ecf8427e"));
        Assert.Empty(ConstituencyIndex.Empty.Find(Observable.Detect("198.51.100.1").Value));
    }

    [Fact]
    public void Build_RefusesKindsThatAreNotAConstituency() =>
        Assert.Throws<ArgumentException>(() => ConstituencyIndex.Build([Claim(National, "d41d8cd98f00b204e9800998ecf8427e")]));

    [Fact]
    public void Within_IsBounded()
    {
        var many = Enumerable.Range(0, 300).Select(i => Claim(Energy, $"10.{i / 256}.{i % 256}.0/24")).Append(Claim(National, "10.0.0.0/8"));
        var matches = ConstituencyIndex.Build(many).Find(Observable.Detect("10.0.0.0/8").Value);
        Assert.Equal(National, matches[0].Owner);
        Assert.Equal(ConstituencyIndex.MaxWithin, matches.Count(m => m.Relation == ConstituencyRelation.Within));
    }
}
