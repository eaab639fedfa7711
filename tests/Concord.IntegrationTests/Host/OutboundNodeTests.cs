using System.Net;
using Concord.Host;
using Concord.Platform.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.IntegrationTests.Host;

/// <summary>The node's outbound clients as the host composes them (the guard itself is tested in Concord.Platform.Tests).</summary>
public class OutboundNodeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Node_WithAnAllowListEntryThatIsNoHost_RefusesToStartNamingTheSetting()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Concord:Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N")),
            ["Concord:Demo:Enabled"] = "false",
            ["Concord:Outbound:AllowedHosts"] = "127.0.0.1;http://peer.example:8443/",
        };

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ConcordApp.BuildAsync(b => b.Configuration.AddInMemoryCollection(settings), Cancel));

        Assert.Contains("Concord:Outbound:AllowedHosts: 'http://peer.example:8443/' is a URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookClient_PointedAtTheNodeItself_IsRefused()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        var http = node.Services.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundPurpose.Webhooks);

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() =>
            http.PostAsync(new Uri(node.BaseAddress, "/api/v1/auth/login"), new StringContent("{}"), Cancel));

        Assert.Equal(OutboundRefusal.Loopback, refused.Refusal);
    }

    /// <summary>Two local nodes federate over 127.0.0.1 once it is allow-listed; the node's fake clock does not hold the call up.</summary>
    [Fact]
    public async Task FederationClient_WithLoopbackAllowListed_ReachesAnotherLocalNode()
    {
        await using var peer = await TestNode.StartAsync(Store.Sqlite);
        await using var node = await TestNode.StartAsync(Store.Sqlite, new Dictionary<string, string?> { ["Concord:Outbound:AllowedHosts"] = "127.0.0.1" });
        var http = node.Services.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundPurpose.Federation);

        using var response = await http.GetAsync(new Uri(peer.BaseAddress, "/health/live"), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
