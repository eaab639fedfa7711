using Concord.Observables;
using Concord.Intel.Observables.Matching;

namespace Concord.Intel.Tests.Observables.Matching;

public sealed class IpRangeIndexTests
{
    private static IpNetwork Net(string text)
    {
        Assert.True(IpText.TryParseNetwork(text, out var network, out var reason), reason);
        return network;
    }

    private static UInt128 Address(string text) => Net(text).First;

    private static List<string> Lookup(IpRangeIndex<string> index, string address)
    {
        var found = new List<string>();
        index.Find(Address(address), found, static (list, _, value) => list.Add(value));
        return found;
    }

    private static IpRangeIndex<string> Index(params string[] networks) =>
        IpRangeIndex<string>.Build(networks.Select(n => (Net(n), n)));

    [Fact]
    public void Lookup_NestedNetworks_ReturnsEveryContainerNarrowestFirst()
    {
        var index = Index("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.3/32", "10.2.0.0/16");
        Assert.Equal(["10.1.2.3/32", "10.1.2.0/24", "10.1.0.0/16", "10.0.0.0/8"], Lookup(index, "10.1.2.3"));
        Assert.Equal(["10.1.2.0/24", "10.1.0.0/16", "10.0.0.0/8"], Lookup(index, "10.1.2.4"));
        Assert.Equal(["10.0.0.0/8"], Lookup(index, "10.3.0.1"));
    }

    [Fact]
    public void Lookup_AfterASiblingNetworkEnds_StillFindsTheEnclosingNetwork()
    {
        var index = Index("10.0.0.0/8", "10.1.0.0/16", "10.1.1.0/24");
        Assert.Equal(["10.1.0.0/16", "10.0.0.0/8"], Lookup(index, "10.1.200.1"));
        Assert.Equal(["10.0.0.0/8"], Lookup(index, "10.200.0.1"));
    }

    [Fact]
    public void Lookup_SlashZero_ContainsEveryAddressOfItsFamilyOnly()
    {
        var index = Index("0.0.0.0/0");
        Assert.Equal(["0.0.0.0/0"], Lookup(index, "0.0.0.0"));
        Assert.Equal(["0.0.0.0/0"], Lookup(index, "255.255.255.255"));
        Assert.Empty(Lookup(index, "2001:db8::1"));
    }

    [Fact]
    public void Lookup_Ipv6SlashZero_ContainsIpv6AndMappedIpv4()
    {
        var index = Index("::/0");
        Assert.Single(Lookup(index, "2001:db8::1"));
        Assert.Single(Lookup(index, "192.0.2.1"));
    }

    [Fact]
    public void Lookup_SingleAddresses_MatchOnlyThemselves()
    {
        var index = Index("192.0.2.1/32", "2001:db8::1/128", "255.255.255.255");
        Assert.Single(Lookup(index, "192.0.2.1"));
        Assert.Empty(Lookup(index, "192.0.2.0"));
        Assert.Empty(Lookup(index, "192.0.2.2"));
        Assert.Single(Lookup(index, "2001:db8::1"));
        Assert.Empty(Lookup(index, "2001:db8::2"));
        Assert.Single(Lookup(index, "255.255.255.255"));
    }

    [Fact]
    public void Lookup_Ipv4MappedIpv6_MatchesTheIpv4NetworkBothWays()
    {
        var index = Index("192.0.2.0/24", "::ffff:198.51.100.0/120");
        Assert.Single(Lookup(index, "::ffff:192.0.2.7"));
        Assert.Single(Lookup(index, "198.51.100.9"));
    }

    [Fact]
    public void Lookup_DuplicateNetworks_ReturnsEachValue()
    {
        var index = IpRangeIndex<string>.Build([(Net("10.0.0.0/8"), "a"), (Net("10.0.0.0/8"), "b")]);
        Assert.Equal(["a", "b"], Lookup(index, "10.9.9.9").Order());
    }

    [Fact]
    public void Containing_ANetwork_ReturnsOnlyNetworksHoldingAllOfIt()
    {
        var index = Index("10.0.0.0/8", "10.1.2.0/24");
        Assert.Equal(["10.0.0.0/8"], index.Containing(Net("10.1.0.0/16")).Select(m => m.Value));
    }

    [Fact]
    public void Lookup_EmptyIndex_FindsNothing() => Assert.Empty(Lookup(Index(), "10.0.0.1"));

    [Fact]
    public void Lookup_RandomNetworks_AgreesWithALinearScan()
    {
        var random = new Random(20261123);
        var networks = Enumerable.Range(0, 2000).Select(_ =>
        {
            var prefix = random.Next(8, 33);
            var address = (uint)random.Next(0x0A000000, 0x0A400000);
            return IpNetwork.Create(IpNetwork.MappedPrefix | address, 96 + prefix);
        }).ToList();
        var index = IpRangeIndex<int>.Build(networks.Select((n, i) => (n, i)));
        for (var probe = 0; probe < 5000; probe++)
        {
            var address = IpNetwork.MappedPrefix | (uint)random.Next(0x09F00000, 0x0A500000);
            var expected = networks.Select((n, i) => (n, i)).Where(x => x.n.Contains(address)).Select(x => x.i).Order();
            var actual = new List<int>();
            index.Find(address, actual, static (list, _, value) => list.Add(value));
            Assert.Equal(expected, actual.Order());
        }
    }
}
