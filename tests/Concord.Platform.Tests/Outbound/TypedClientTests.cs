using System.Net.Http;
using Concord.Platform.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Platform.Tests.Outbound;

public class TypedClientTests
{
    /// <summary>A module's typed client, as a TAXII client for federation would be.</summary>
    public sealed class PeerProbe(HttpClient http)
    {
        public Task<string> ReadAsync(Uri url) => http.GetStringAsync(url, TestContext.Current.CancellationToken);
    }

    private static ServiceProvider Services(string? allowed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Concord:Outbound:AllowedHosts"] = allowed }).Build();
        var services = new ServiceCollection().AddLogging().AddOutboundHttp(configuration);
        services.AddOutboundClient<PeerProbe>(OutboundPurpose.Federation);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task TypedClient_HasTheGuard()
    {
        await using var server = await TestServer.StartAsync(app => app.MapGet("/", () => "peer"));
        await using var services = Services(allowed: null);

        await Assert.ThrowsAsync<OutboundRefusedException>(() => services.GetRequiredService<PeerProbe>().ReadAsync(server.Url("/")));
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task TypedClient_ReadsTheAllowList()
    {
        await using var server = await TestServer.StartAsync(app => app.MapGet("/", () => "peer"));
        await using var services = Services(allowed: "127.0.0.1");

        Assert.Equal("peer", await services.GetRequiredService<PeerProbe>().ReadAsync(server.Url("/")));
    }
}
