using Concord.Observables;
using Concord.Intel.Observables.Warninglists;
using static Concord.Observables.Tests.ObservableAssert;

namespace Concord.Intel.Tests.Observables.Warninglists;

public sealed class RealWarninglistTests
{
    private static List<string> ListsHolding(ObservableKind kind, string value) =>
        [.. MispWarninglists.Snapshot.Match(Parses(kind, value)).Select(m => m.List.Id).Order(StringComparer.Ordinal)];

    [Fact]
    public void Load_EveryListInTheCorpus_LoadsWithoutProblems()
    {
        Assert.Empty(MispWarninglists.Problems);
        Assert.Equal(136, MispWarninglists.Snapshot.Lists.Count);
        Assert.All(MispWarninglists.Snapshot.Lists, list => Assert.True(list.EntryCount > 0, list.Id));
    }

    [Fact]
    public void GooglePublicDns_IsOnThePublicDnsList() =>
        Assert.Contains("public-dns-v4", ListsHolding(ObservableKind.Ipv4Address, "8.8.8.8"));

    [Fact]
    public void PrivateAddress_IsOnRfc1918_WithTheNetworkThatMatched()
    {
        var matches = MispWarninglists.Snapshot.Match(Parses(ObservableKind.Ipv4Address, "10.1.2.3"));
        Assert.Equal("10.0.0.0/8", Assert.Single(matches, m => m.List.Id == "rfc1918").Entry);
        Assert.Contains(matches, m => m.List.Id == "rfc5735");
    }

    [Theory]
    [InlineData("104.154.113.10", "google-gcp")]
    [InlineData("1.178.1.5", "amazon-aws")]
    [InlineData("13.107.128.5", "microsoft-azure")]
    public void CloudAddresses_AreOnTheirProvidersList(string address, string list) =>
        Assert.Contains(list, ListsHolding(ObservableKind.Ipv4Address, address));

    [Fact]
    public void Ipv6Addresses_MatchListsWrittenInUpperCase()
    {
        Assert.Equal(["rfc3849"], ListsHolding(ObservableKind.Ipv6Address, "2001:db8::1"));
        Assert.Equal(["ipv6-linklocal"], ListsHolding(ObservableKind.Ipv6Address, "fe80::1"));
    }

    [Fact]
    public void Ipv4MappedEntries_MatchTheIpv4AddressWhicheverWayItIsWritten()
    {
        List<string> expected = ["sinkholes", "umbrella-blockpage-v4", "umbrella-blockpage-v6"];
        Assert.Equal(expected, ListsHolding(ObservableKind.Ipv4Address, "146.112.61.104"));
        Assert.Equal(expected, ListsHolding(ObservableKind.Ipv6Address, "::ffff:146.112.61.104"));
    }

    [Fact]
    public void Network_MatchesOnlyListNetworksContainingAllOfIt()
    {
        Assert.Contains("rfc1918", ListsHolding(ObservableKind.Ipv4Network, "10.20.0.0/16"));
        Assert.DoesNotContain("rfc1918", ListsHolding(ObservableKind.Ipv4Network, "10.0.0.0/7"));
    }

    [Theory]
    [InlineData("77.77.77.77")]
    [InlineData("2a00:1450:4001:82b::200e")]
    public void UnlistedAddresses_MatchNothing(string address) =>
        Assert.Empty(ListsHolding(address.Contains(':') ? ObservableKind.Ipv6Address : ObservableKind.Ipv4Address, address));

    [Fact]
    public void GoogleCom_IsOnTopDomainLists()
    {
        var lists = ListsHolding(ObservableKind.Domain, "Google.COM.");
        Assert.Contains("tranco10k", lists);
        Assert.Contains("cisco_top1000", lists);
        Assert.Contains("cloudflare-top200", lists);
    }

    [Fact]
    public void Subdomain_MatchesHostnameListsThroughItsParent_ButNotExactStringLists()
    {
        var matches = MispWarninglists.Snapshot.Match(Parses(ObservableKind.Domain, "deep.sub.google.com"));
        Assert.Equal("google.com", Assert.Single(matches, m => m.List.Id == "tranco10k").Entry);
        Assert.DoesNotContain(matches, m => m.List.Id == "cisco_top1000");
    }

    [Fact]
    public void UrlHost_IsCheckedAgainstHostnameLists() =>
        Assert.Contains("tranco10k", ListsHolding(ObservableKind.Url, "https://www.google.com/search?q=x"));

    [Fact]
    public void UnlistedDomain_MatchesNothing() => Assert.Empty(ListsHolding(ObservableKind.Domain, "zq7x9-unlisted-concord.net"));

    [Theory]
    [InlineData(ObservableKind.Md5, "D41D8CD98F00B204E9800998ECF8427E")]
    [InlineData(ObservableKind.Sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData(ObservableKind.Sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData(ObservableKind.Ssdeep, "3::")]
    public void EmptyFileHashes_AreOnEmptyHashes(ObservableKind kind, string hash) =>
        Assert.Contains("empty-hashes", ListsHolding(kind, hash));

    [Fact]
    public void HashText_AsAnotherKind_DoesNotMatchHashLists() =>
        Assert.Empty(ListsHolding(ObservableKind.Mutex, "d41d8cd98f00b204e9800998ecf8427e"));

    [Fact]
    public void UnlistedHash_MatchesNothing() =>
        Assert.Empty(ListsHolding(ObservableKind.Sha256, new string('7', 64)));

    [Fact]
    public void DisposableMailDomain_MatchesTheSubstringList() =>
        Assert.Contains("disposable-email", ListsHolding(ObservableKind.Email, "someone@0-mail.com"));

    [Fact]
    public void RoleMailbox_MatchesTheRegexList()
    {
        Assert.Contains("common-contact-emails", ListsHolding(ObservableKind.Email, "ABUSE@example.org"));
        Assert.DoesNotContain("common-contact-emails", ListsHolding(ObservableKind.Email, "alice@example.org"));
    }
}
