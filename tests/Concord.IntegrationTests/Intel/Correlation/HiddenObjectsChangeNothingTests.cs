using Concord.Access;
using Concord.IntegrationTests.Access;

namespace Concord.IntegrationTests.Intel.Correlation;

/// <summary>
/// The strongest leak test: a reader's full responses — objects, organisations, "common", warninglists, order,
/// every byte — are the same before and after another organisation stores matching objects the reader may not
/// see: exact values, containing networks, networks inside, parent domains, enough of them to pass the common
/// threshold if they were counted.
/// </summary>
public class HiddenObjectsChangeNothingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryCorrelationResponse_AfterHiddenMatchesAreStored_IsByteForByteTheSame(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Intel:Correlation:CommonThreshold"] = "3" });
        using var alliance = await TestAlliance.CreateAsync(node, "Reader", "Alpha", "Bravo", "Hidden", "Outsider");
        var group = await alliance.CreateSharingGroupAsync("Hidden", "Closed circle", "Outsider");
        var reader = await alliance.ClientAsync("Reader", Role.Analyst);
        await (await alliance.ClientAsync("Alpha", Role.Analyst)).ImportOkAsync("tlp=green",
            CorrelationHttp.Indicator("[domain-name:value = 'a.shared.example'] OR [ipv4-addr:value = '198.51.100.0/24']"));
        await (await alliance.ClientAsync("Bravo", Role.Analyst)).ImportOkAsync("tlp=green",
            CorrelationHttp.Indicator("[domain-name:value = 'a.shared.example'] OR [ipv4-addr:value = '198.51.100.7']"));
        var own = CorrelationHttp.Indicator("[domain-name:value = 'a.shared.example'] OR [ipv4-addr:value = '198.51.100.7'] OR [ipv6-addr:value = '2001:db8::7']");
        await reader.ImportOkAsync("tlp=green", own);

        var requests = new Func<Task<string>>[]
        {
            () => GetAsync(reader, "/api/v1/correlation?value=a.shared.example"),
            () => GetAsync(reader, "/api/v1/correlation?value=b.a.shared.example&parent_domains=true"),
            () => GetAsync(reader, "/api/v1/correlation?value=198.51.100.0%2F25"),
            () => GetAsync(reader, "/api/v1/correlation?value=198.51.100.7"),
            () => GetAsync(reader, $"/api/v1/objects/{own.Id()}/correlations?parent_domains=true"),
            async () => (await reader.LookupJsonAsync("a.shared.example", "198.51.100.7", "198.51.0.0/16", "2001:db8::/32", "::ffff:198.51.100.7", "b.a.shared.example")).Raw(),
        };
        var before = new List<string>();
        foreach (var request in requests)
        {
            before.Add(await request());
        }

        var hidden = await alliance.ClientAsync("Hidden", Role.Analyst);
        var matching = new[]
        {
            "[domain-name:value = 'a.shared.example']",
            "[domain-name:value = 'shared.example']",
            "[ipv4-addr:value = '198.51.100.7']",
            "[ipv4-addr:value = '198.51.0.0/16']",
            "[ipv4-addr:value = '198.51.100.128/25']",
            "[ipv4-addr:value = '0.0.0.0/0']",
            "[ipv6-addr:value = '::/0']",
            "[ipv6-addr:value = '2001:db8::7']",
        };
        foreach (var query in new[] { "tlp=red&scope=owner", "tlp=amber&scope=owner", $"tlp=amber&scope=sharing-group&sharing_group={group}", $"tlp=amber&scope=recipients&recipients={alliance.OrgId("Outsider")}" })
        {
            await hidden.ImportOkAsync(query, [.. matching.Select(p => CorrelationHttp.Indicator(p))]);
        }

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(before[i], await requests[i]());
        }

        Assert.Contains("a.shared.example", before[0], StringComparison.Ordinal);
        Assert.Contains("\"common\":false", before[0], StringComparison.Ordinal);
        Assert.Contains("\"organisation\":\"Bravo\"", before[0], StringComparison.Ordinal);
        Assert.Contains("\"match\":\"containing-network\"", before[3], StringComparison.Ordinal);
        Assert.Contains("\"match\":\"parent-domain\"", before[1], StringComparison.Ordinal);
    }

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
