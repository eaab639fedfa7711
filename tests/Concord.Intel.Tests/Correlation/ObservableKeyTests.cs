using Concord.Intel;
using Concord.Intel.Features.Correlation;
using Concord.Observables;
using Concord.Intel.Observables.Exclusions;

namespace Concord.Intel.Tests.Correlation;

public class ObservableKeyTests
{
    [Theory]
    [InlineData(ObservableKind.Ipv4Address, "192.0.2.1", 6)]
    [InlineData(ObservableKind.Ipv4Network, "192.0.2.0/24", 6)]
    [InlineData(ObservableKind.Ipv6Address, "2001:db8::1", 18)]
    [InlineData(ObservableKind.Md5, "d41d8cd98f00b204e9800998ecf8427e", 7)]
    [InlineData(ObservableKind.Sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 7)]
    [InlineData(ObservableKind.Domain, "evil.example", 7)]
    [InlineData(ObservableKind.Domain, "a-rather-long-subdomain.evil.example", 7)]
    public void Key_IsCompactAndFixedWidthForLongText(ObservableKind kind, string value, int length) =>
        Assert.Equal(length, ObservableKey.Of(Parse(kind, value)).Length);

    [Fact]
    public void Key_OfAnIpv4MappedIpv6Address_IsTheIpv4Key()
    {
        Assert.Equal(ObservableKey.Of(Parse(ObservableKind.Ipv4Address, "192.0.2.1")), ObservableKey.Of(Parse(ObservableKind.Ipv6Address, "::ffff:192.0.2.1")));
    }

    [Fact]
    public void Keys_OfDifferentKindsWithTheSameText_Differ()
    {
        Assert.NotEqual(ObservableKey.Of(Parse(ObservableKind.Mutex, "abc")), ObservableKey.Of(Parse(ObservableKind.Domain, "abc")));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.1.2.0/24", "10.1.2.255", true)]
    [InlineData("10.1.2.0/24", "10.1.3.0", false)]
    [InlineData("0.0.0.0/0", "255.255.255.255", true)]
    [InlineData("::/0", "192.0.2.1", true)]
    [InlineData("::/0", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "192.0.2.1", false)]
    public void RangesInside_HoldExactlyTheKeysOfWhatTheNetworkContains(string network, string inner, bool inside)
    {
        Assert.True(IpText.TryParseNetwork(network, out var outer, out _));
        Assert.True(IpText.TryParseNetwork(inner, out var candidate, out _));
        var key = ObservableKey.Of(candidate);
        var found = ObservableKey.RangesInside(outer).Any(r => key.AsSpan().SequenceCompareTo(r.Low) >= 0 && key.AsSpan().SequenceCompareTo(r.High) <= 0);
        Assert.Equal(inside, found);
    }

    [Fact]
    public void NetworkKeys_ReadBack_AsTheSameNetwork()
    {
        foreach (var text in new[] { "10.1.2.0/24", "0.0.0.0/0", "192.0.2.1", "2001:db8::/32", "::/0", "2001:db8::1" })
        {
            Assert.True(IpText.TryParseNetwork(text, out var network, out _));
            Assert.Equal(network, ObservableKey.ToNetwork(ObservableKey.Of(network)));
        }

        Assert.Null(ObservableKey.ToNetwork(ObservableKey.Of(Parse(ObservableKind.Md5, "d41d8cd98f00b204e9800998ecf8427e"))));
    }

    [Fact]
    public void Probes_ForAnAddress_TryOnlyThePrefixLengthsPresent_InOneAddressSpace()
    {
        var probes = new List<Probe>();
        Probes.For(0, Parse(ObservableKind.Ipv4Address, "10.1.2.3"), false, [(ObservableKey.V4Space, 24), (ObservableKey.V4Space, 8), (ObservableKey.V6Space, 0), (ObservableKey.V6Space, 64)], ExclusionMatcher.None, probes);

        Assert.Equal(
            ["10.1.2.0/24", "10.0.0.0/8", "::/0", "::/64"],
            probes.Where(p => p.Match == CorrelationMatch.ContainingNetwork).Select(p => p.Stored!.Value.Value));
        Assert.Single(probes, p => p.Match == CorrelationMatch.InsideNetwork);
    }

    [Fact]
    public void Probes_ForADomainWithParents_StopBeforeTheTopLevelDomain()
    {
        var probes = new List<Probe>();
        Probes.For(0, Parse(ObservableKind.Domain, "a.b.evil.example"), true, [], ExclusionMatcher.None, probes);
        Assert.Equal(["a.b.evil.example", "b.evil.example", "evil.example"], probes.Select(p => p.Stored!.Value.Value));
    }

    private static Observable Parse(ObservableKind kind, string value) => Observable.Parse(kind, value).Value;
}
