using System.Net;
using Concord.Platform;

namespace Concord.IntegrationTests.Host;

public class TelemetryTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task WithAnOtlpEndpoint_TheNodeServesAndCollectsTheConcordMeter(Store store)
    {
        // Nothing listens on this port: export fails quietly in the background and the node must not care.
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" });
        using var client = node.CreateClient();

        var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        var counter = ConcordTelemetry.Meter.CreateCounter<long>("concord.test.probe");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(counter.Enabled, "no OpenTelemetry meter provider listens to the Concord meter");
    }
}
