using Concord.Intel.Features.Export.Defender;
using Concord.Observables;

namespace Concord.Intel.Tests.Export;

/// <summary>The IP block list's merge: the fewest CIDRs covering exactly the union of the listed addresses and networks.</summary>
public class CidrMergeTests
{
    [Theory]
    [InlineData(new[] { "192.0.2.0", "192.0.2.1" }, new[] { "192.0.2.0/31" })] // adjacent addresses
    [InlineData(new[] { "192.0.2.0/25", "192.0.2.128/25" }, new[] { "192.0.2.0/24" })] // adjacent networks
    [InlineData(new[] { "192.0.2.1", "192.0.2.2" }, new[] { "192.0.2.1", "192.0.2.2" })] // adjacent but unaligned: two blocks
    [InlineData(new[] { "10.0.0.0/8", "10.1.2.3", "10.200.0.0/16" }, new[] { "10.0.0.0/8" })] // contained
    [InlineData(new[] { "198.51.100.0/24", "198.51.100.128/24", "198.51.101.0/25" }, new[] { "198.51.100.0/24", "198.51.101.0/25" })] // overlapping, duplicate
    [InlineData(new[] { "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4" }, new[] { "192.0.2.1", "192.0.2.2/31", "192.0.2.4" })] // a run split into aligned blocks
    [InlineData(new[] { "0.0.0.0/0", "192.0.2.1" }, new[] { "0.0.0.0/0" })] // the whole IPv4 space
    [InlineData(new[] { "255.255.255.255", "255.255.255.254" }, new[] { "255.255.255.254/31" })] // the top of IPv4
    [InlineData(new[] { "192.0.2.7/32" }, new[] { "192.0.2.7" })] // a /32 is an address
    [InlineData(new[] { "2001:db8::", "2001:db8::1" }, new[] { "2001:db8::/127" })] // IPv6 adjacent
    [InlineData(new[] { "2001:db8::/33", "2001:db8:8000::/33" }, new[] { "2001:db8::/32" })] // IPv6 halves
    [InlineData(new[] { "::/0", "2001:db8::1" }, new[] { "::/0" })] // the whole IPv6 space (and nothing of IPv4 merged into it)
    [InlineData(new[] { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe" }, new[] { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127" })]
    [InlineData(new[] { "2001:db8::1", "192.0.2.1", "192.0.2.0" }, new[] { "192.0.2.0/31", "2001:db8::1" })] // IPv4 first, then IPv6
    public void Networks_AreTheFewestCidrsCoveringExactlyTheUnion(string[] input, string[] expected)
    {
        var merge = new CidrMerge();
        foreach (var text in input)
        {
            Assert.True(IpText.TryParseNetwork(text, out var network, out _), text);
            merge.Add(network);
        }

        Assert.Equal(expected, merge.Networks().Select(n => n.ToString()));
    }

    [Fact]
    public void IPv4Space_NeverMergesWithTheIPv6AddressesNextToIt()
    {
        var merge = new CidrMerge();
        foreach (var text in new[] { "0.0.0.0", "::fffe:ffff:ffff" })
        {
            Assert.True(IpText.TryParseNetwork(text, out var network, out _));
            merge.Add(network);
        }

        Assert.Equal(["0.0.0.0", "::fffe:ffff:ffff"], merge.Networks().Select(n => n.ToString()));
    }

    [Fact]
    public void Blocks_OfARandomSet_CoverExactlyItsAddresses()
    {
        var random = new Random(7);
        var addresses = Enumerable.Range(0, 3_000).Select(_ => (uint)random.Next(0, 4096)).ToHashSet();
        var merge = new CidrMerge();
        foreach (var address in addresses)
        {
            merge.Add(IpNetwork.Create(IpNetwork.MappedPrefix | address, 128));
        }

        var covered = new HashSet<uint>();
        var blocks = merge.Networks().ToList();
        foreach (var block in blocks)
        {
            for (var a = block.First; a <= block.Last; a++)
            {
                Assert.True(covered.Add((uint)(a & uint.MaxValue)), "blocks overlap");
            }
        }

        Assert.Equal(addresses.Order(), covered.Order());
        Assert.Equal(blocks.Count, blocks.Distinct().Count());
    }
}
