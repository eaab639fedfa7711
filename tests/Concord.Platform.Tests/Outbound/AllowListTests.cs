using System.Net;
using Concord.Platform.Outbound;

namespace Concord.Platform.Tests.Outbound;

public class AllowListTests
{
    [Theory]
    [InlineData("localhost", "localhost", 80, "127.0.0.1", true)]
    [InlineData("LocalHost.", "localhost", 443, "::1", true)]
    [InlineData("peer.test", "other.test", 80, "127.0.0.1", false)]
    [InlineData("127.0.0.1", "127.0.0.1", 5080, "127.0.0.1", true)]
    [InlineData("127.0.0.1", "some.name", 5080, "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.1", 5080, "::ffff:127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.2", 5080, "127.0.0.2", false)]
    [InlineData("127.0.0.1:5080", "127.0.0.1", 5080, "127.0.0.1", true)]
    [InlineData("127.0.0.1:5080", "127.0.0.1", 5081, "127.0.0.1", false)]
    [InlineData("[::1]:8443", "::1", 8443, "::1", true)]
    [InlineData("[::1]", "::1", 1, "::1", true)]
    [InlineData("::1", "::1", 1, "::1", true)]
    [InlineData("misp.intranet.example:443", "misp.intranet.example", 443, "10.1.2.3", true)]
    [InlineData("misp.intranet.example:443", "misp.intranet.example", 22, "10.1.2.3", false)]
    [InlineData("10.0.0.0/8", "anything.example", 443, "10.200.0.1", true)]
    [InlineData("10.0.0.0/8", "anything.example", 443, "192.168.0.1", false)]
    [InlineData("fd00::/8", "v6.example", 443, "fd12::1", true)]
    public void Allows_MatchesNamesAddressesRangesAndPorts(string entry, string host, int port, string address, bool expected)
    {
        var list = AllowList.From([entry]);

        Assert.Equal(expected, list.Allows(host, port, IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("http://peer.example", "is a URL")]
    [InlineData("10.1.2.3/8", "is not a CIDR range")]
    [InlineData("0.0.0.0/0", "would allow every address")]
    [InlineData("::/0", "would allow every address")]
    [InlineData("peer.example:99999", "is not host:port")]
    [InlineData("peer.example:", "is not host:port")]
    [InlineData("[::1", "is not host:port")]
    [InlineData("*.example.org", "is not a host name, an IP address or a CIDR range")]
    [InlineData("bücher.example", "xn--")]
    public void TryParse_AnEntryThatIsNotAHostAddressOrRange_SaysWhatIsWrong(string entry, string expected)
    {
        Assert.False(AllowList.TryParse(entry, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains($"'{entry}'", error, StringComparison.Ordinal);
    }
}
