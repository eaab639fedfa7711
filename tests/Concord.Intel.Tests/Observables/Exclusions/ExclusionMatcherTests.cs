using Concord.Observables;
using Concord.Intel.Observables.Exclusions;
using static Concord.Observables.Tests.ObservableAssert;

namespace Concord.Intel.Tests.Observables.Exclusions;

public sealed class ExclusionMatcherTests
{
    private static ExclusionMatcher Matcher(params CorrelationExclusion[] exclusions)
    {
        var result = ExclusionMatcher.Build(exclusions);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }

    [Fact]
    public void ExactExclusion_MatchesTheValueInAnySpelling()
    {
        var matcher = Matcher(new CorrelationExclusion(ExclusionKind.Exact, "Alliance.Example."));
        Assert.True(matcher.IsExcluded(Parses(ObservableKind.Domain, "alliance.example")));
        Assert.False(matcher.IsExcluded(Parses(ObservableKind.Domain, "www.alliance.example")));
    }

    [Fact]
    public void ExactExclusion_OfAHash_IgnoresCase() =>
        Assert.True(Matcher(new CorrelationExclusion(ExclusionKind.Exact, "D41D8CD98F00B204E9800998ECF8427E"))
            .IsExcluded(Parses(ObservableKind.Md5, "d41d8cd98f00b204e9800998ecf8427e")));

    [Fact]
    public void CidrExclusion_MatchesAddressesAndNetworksInside_AndMappedAddresses()
    {
        var matcher = Matcher(new CorrelationExclusion(ExclusionKind.Cidr, "192.0.2.0/24"), new CorrelationExclusion(ExclusionKind.Cidr, "2001:db8::/32"));
        Assert.True(matcher.IsExcluded(Parses(ObservableKind.Ipv4Address, "192.0.2.200")));
        Assert.True(matcher.IsExcluded(Parses(ObservableKind.Ipv6Address, "::ffff:192.0.2.1")));
        Assert.True(matcher.IsExcluded(Parses(ObservableKind.Ipv4Network, "192.0.2.128/25")));
        Assert.True(matcher.IsExcluded(Parses(ObservableKind.Ipv6Address, "2001:db8:1::1")));
        Assert.False(matcher.IsExcluded(Parses(ObservableKind.Ipv4Network, "192.0.0.0/16")));
        Assert.False(matcher.IsExcluded(Parses(ObservableKind.Ipv4Address, "192.0.3.1")));
    }

    [Fact]
    public void RegexExclusion_MatchesTheCanonicalValue()
    {
        var matcher = Matcher(new CorrelationExclusion(ExclusionKind.Regex, @"^https?://([a-z0-9-]+\.)*alliance\.example/"));
        Assert.True(matcher.IsExcluded(Parses(ObservableKind.Url, "HTTPS://Portal.Alliance.Example/login")));
        Assert.False(matcher.IsExcluded(Parses(ObservableKind.Url, "https://alliance.example.evil.test/")));
    }

    [Fact]
    public void RegexExclusion_WithABackreference_StillWorks() =>
        Assert.True(Matcher(new CorrelationExclusion(ExclusionKind.Regex, @"^(\w)\1+$")).IsExcluded(Parses(ObservableKind.Mutex, "aaaa")));

    [Fact]
    public void Match_SeveralExclusions_ReturnsTheFirstInOrder()
    {
        var matcher = Matcher(
            new CorrelationExclusion(ExclusionKind.Regex, "^10\\.", "private by pattern"),
            new CorrelationExclusion(ExclusionKind.Cidr, "10.0.0.0/8", "private"));
        Assert.Equal("private by pattern", matcher.Match(Parses(ObservableKind.Ipv4Address, "10.1.1.1"))!.Comment);
    }

    [Theory]
    [InlineData(ExclusionKind.Cidr, "10.0.0.0/40", "exclusion-cidr")]
    [InlineData(ExclusionKind.Regex, "([a-z", "exclusion-regex")]
    [InlineData(ExclusionKind.Exact, "  ", "exclusion-empty")]
    public void Build_InvalidExclusion_NamesTheFieldAndRule(ExclusionKind kind, string value, string rule)
    {
        var result = ExclusionMatcher.Build([new CorrelationExclusion(ExclusionKind.Exact, "fine.example"), new CorrelationExclusion(kind, value)]);
        Assert.False(result.IsSuccess);
        Assert.Equal(rule, result.Error!.Rule);
        Assert.Equal("exclusions[1].value", result.Error.Field);
    }

    [Fact]
    public void None_ExcludesNothing() => Assert.False(ExclusionMatcher.None.IsExcluded(Parses(ObservableKind.Ipv4Address, "10.0.0.1")));
}
