namespace Concord.IntegrationTests;

public class HealthTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Live_OnAFreshNode_AnswersOk(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var client = node.CreateClient();
        var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
