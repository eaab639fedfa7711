using System.Net;
using System.Text.Json;

namespace Concord.IntegrationTests.Host;

public class HealthEndpointTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Live_OnAFreshNode_AnswersHealthyJson(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var client = node.CreateClient();

        var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Ready_WhenTheDatabaseIsMigrated_ReportsEveryCheckHealthy(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var client = node.CreateClient();

        var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks").EnumerateArray().ToList();
        Assert.Contains(checks, c => c.GetProperty("name").GetString() == "storage");
        Assert.All(checks, c => Assert.Equal("healthy", c.GetProperty("status").GetString()));
    }
}
