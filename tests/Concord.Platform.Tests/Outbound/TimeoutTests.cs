using System.Net.Http;
using Concord.Platform.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Concord.Platform.Tests.Outbound;

public class TimeoutTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A server whose one endpoint never answers (until the client gives up on it).</summary>
    private static Task<TestServer> SilentAsync() => TestServer.StartAsync(app =>
        app.MapGet("/silent", async (HttpContext context) => await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted)));

    [Fact]
    public async Task Attempts_ThatTakeTooLong_AreRetriedThenFailAsATimeout()
    {
        await using var server = await SilentAsync();
        using var host = new OutboundTestHost(new()
        {
            ["Concord:Outbound:AllowedHosts"] = "127.0.0.1",
            // Long enough that each attempt reaches the server even on a loaded machine (a first request's set-up can
            // take a few hundred ms there), so the count below is the client's attempts.
            ["Concord:Outbound:Feeds:AttemptTimeout"] = "00:00:01",
            ["Concord:Outbound:Feeds:MaxRetries"] = "1",
            ["Concord:Outbound:Feeds:RetryDelay"] = "00:00:00",
        });

        var timeout = await Assert.ThrowsAsync<TaskCanceledException>(() => host.Client().GetAsync(server.Url("/silent"), Cancel));

        Assert.IsType<TimeoutException>(timeout.InnerException);
        Assert.Contains($"GET http://127.0.0.1:{server.Port} timed out after 00:00:01", timeout.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task TheWholeCall_TakingLongerThanTheTotal_FailsAsATimeout()
    {
        await using var server = await SilentAsync();
        using var host = new OutboundTestHost(new()
        {
            ["Concord:Outbound:AllowedHosts"] = "127.0.0.1",
            ["Concord:Outbound:Federation:AttemptTimeout"] = "00:00:00.200",
            ["Concord:Outbound:Federation:TotalTimeout"] = "00:00:00.300",
            ["Concord:Outbound:Federation:RetryDelay"] = "00:00:10",
        });

        var timeout = await Assert.ThrowsAsync<TaskCanceledException>(() => host.Client(OutboundPurpose.Federation).GetAsync(server.Url("/silent"), Cancel));

        Assert.IsType<TimeoutException>(timeout.InnerException);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Connecting_ThatTakesTooLong_FailsAsATimeout()
    {
        using var host = new OutboundTestHost(new()
        {
            ["Concord:Outbound:ConnectTimeout"] = "00:00:00.200",
            ["Concord:Outbound:Webhooks:MaxRetries"] = "0",
        });

        // The resolver of slow.test never answers: the connect timeout covers name resolution too.
        var timeout = await Assert.ThrowsAsync<TaskCanceledException>(() => host.Client(OutboundPurpose.Webhooks).GetAsync("http://slow.test/", Cancel));

        Assert.IsType<TimeoutException>(timeout.InnerException);
    }
}
