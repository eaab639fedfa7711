using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;

namespace Concord.Platform.Tests.Outbound;

public class TelemetryTests
{
    /// <summary>
    /// OpenTelemetry's HttpClient instrumentation (the host's tracing) listens to the System.Net.Http activity source; a
    /// call through an outbound client, with its own primary handler, must still start an activity there.
    /// </summary>
    [Fact]
    public async Task OutboundCall_StartsAnHttpClientActivity()
    {
        await using var server = await TestServer.StartAsync(app => app.MapGet("/", () => "traced"));
        using var host = new OutboundTestHost(new() { ["Concord:Outbound:AllowedHosts"] = "127.0.0.1" });
        var seen = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = seen.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await host.Client().GetStringAsync(server.Url("/"), TestContext.Current.CancellationToken);

        Assert.Contains(seen, a => a.GetTagItem("server.port") is int port && port == server.Port);
    }
}
