using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;

namespace Concord.IntegrationTests.Intel.Correlation;

/// <summary>IP addresses and networks correlate as ranges, end to end through the store: edges, both families, overlaps.</summary>
public class IpRangeCorrelationTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Lookups_MatchStoredNetworksAsRanges_AtEveryEdge(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Reader");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var stored = new Dictionary<string, string>();
        foreach (var (path, value) in new[]
        {
            ("ipv4-addr:value", "10.0.0.0/8"), ("ipv4-addr:value", "10.1.0.0/16"), ("ipv4-addr:value", "10.1.2.0/24"),
            ("ipv4-addr:value", "10.1.2.3/32"), ("ipv6-addr:value", "::ffff:192.0.2.1"), ("ipv6-addr:value", "2001:db8::1/128"),
            ("ipv6-addr:value", "2001:db8::/32"), ("ipv4-addr:value", "0.0.0.0/0"), ("ipv6-addr:value", "::/0"),
        })
        {
            var indicator = CorrelationHttp.IndicatorFor(path, value);
            await alpha.ImportOkAsync("tlp=green", indicator);
            stored[value] = indicator.Id();
        }

        var reader = await alliance.ClientAsync("Reader", Role.ReadOnly);
        var body = await reader.LookupJsonAsync("10.1.2.3", "10.1.2.255", "10.1.3.0", "192.0.2.1", "::ffff:192.0.2.1", "2001:db8::1", "10.1.0.0/16", "2001:db8:1::/48", "172.16.0.1", "::/0");
        var values = body.GetProperty("values").EnumerateArray().ToList();

        // An address in three nested reported networks, reported itself as a /32, and inside both /0s.
        Assert.Equal(
            Set("10.1.2.3 exact", "10.1.2.0/24 containing-network", "10.1.0.0/16 containing-network", "10.0.0.0/8 containing-network", "0.0.0.0/0 containing-network", "::/0 containing-network"),
            Matches(values[0]));
        Assert.Contains("10.1.2.0/24 containing-network", Matches(values[1]));
        Assert.DoesNotContain("10.1.2.0/24 containing-network", Matches(values[2]));
        Assert.Contains("10.1.0.0/16 containing-network", Matches(values[2]));

        // IPv4-mapped IPv6 is IPv4, whichever way the report and the lookup wrote it.
        Assert.Equal("ipv4-addr", values[4].GetProperty("kind").GetString());
        Assert.Contains("192.0.2.1 exact", Matches(values[3]));
        Assert.Contains("192.0.2.1 exact", Matches(values[4]));

        // /128 is an address; it lies in the reported /32 of IPv6 and in ::/0, not in 0.0.0.0/0.
        Assert.Equal(Set("2001:db8::1 exact", "2001:db8::/32 containing-network", "::/0 containing-network"), Matches(values[5]));

        // A network lookup finds itself, its containers, and what lies inside it.
        Assert.Equal(
            Set("10.1.0.0/16 exact", "10.0.0.0/8 containing-network", "0.0.0.0/0 containing-network", "::/0 containing-network", "10.1.2.0/24 inside-network", "10.1.2.3 inside-network"),
            Matches(values[6]));
        Assert.Equal(Set("2001:db8::/32 containing-network", "::/0 containing-network"), Matches(values[7]));
        Assert.Equal(Set("0.0.0.0/0 containing-network", "::/0 containing-network"), Matches(values[8]));

        // ::/0 holds every address and network of both families.
        Assert.Equal(stored.Count, CorrelationHttp.ObjectIds(values[9]).Count);
    }

    private static HashSet<string> Set(params string[] items) => [.. items];

    private static HashSet<string> Matches(JsonElement value) =>
        value.GetProperty("reporters").EnumerateArray()
            .SelectMany(r => r.GetProperty("objects").EnumerateArray())
            .Select(o => $"{o.GetProperty("matchedValue").GetString()} {o.GetProperty("match").GetString()}")
            .ToHashSet();
}
