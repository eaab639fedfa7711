using System.Net;
using System.Net.Http;
using Concord.Platform.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Concord.Platform.Tests.Outbound;

public class RetryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Concord:Outbound:AllowedHosts"] = "127.0.0.1",
            ["Concord:Outbound:Feeds:RetryDelay"] = "00:00:00.010",
            ["Concord:Outbound:Webhooks:RetryDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A server that answers 503 (with <paramref name="retryAfter"/>, if any) until it has failed <paramref name="failures"/> times.</summary>
    private static Task<TestServer> FlakyAsync(int failures, string? retryAfter = null) => TestServer.StartAsync(app =>
    {
        var failed = 0;
        app.Map("/flaky", (HttpContext context) =>
        {
            if (Interlocked.Increment(ref failed) > failures)
            {
                return Results.Text("recovered");
            }

            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
    });

    [Fact]
    public async Task Get_After503WithRetryAfter_WaitsWhatTheServerAskedAndSucceeds()
    {
        await using var server = await FlakyAsync(failures: 1, retryAfter: "1");
        using var host = new OutboundTestHost(Settings());

        var body = await host.Client().GetStringAsync(server.Url("/flaky"), Cancel);

        Assert.Equal("recovered", body);
        Assert.Equal(2, server.Requests);
        Assert.Contains(host.Logs, l => l.Contains($"Outbound Feeds call GET http://127.0.0.1:{server.Port} failed (503); retry 1 in 00:00:01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_After503_RetriesWithBackoffUpToTheLimit()
    {
        await using var server = await FlakyAsync(failures: 10);
        using var host = new OutboundTestHost(Settings(("Concord:Outbound:Feeds:MaxRetries", "2")));

        using var response = await host.Client().GetAsync(server.Url("/flaky"), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task Get_WithARetryAfterLongerThanTheBound_IsHandedBackAtOnce()
    {
        await using var server = await FlakyAsync(failures: 1, retryAfter: "3600");
        using var host = new OutboundTestHost(Settings());

        using var response = await host.Client().GetAsync(server.Url("/flaky"), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Post_After503_IsNotRetried()
    {
        await using var server = await FlakyAsync(failures: 1);
        using var host = new OutboundTestHost(Settings());

        using var response = await host.Client(OutboundPurpose.Webhooks).PostAsync(server.Url("/flaky"), new StringContent("{}"), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Post_TheCallerAllowsToRetry_IsRetriedWithItsBody()
    {
        await using var server = await TestServer.StartAsync(app =>
        {
            var failed = 0;
            app.MapPost("/hook", async (HttpRequest request) =>
            {
                var body = await new StreamReader(request.Body).ReadToEndAsync();
                return Interlocked.Increment(ref failed) == 1 ? Results.StatusCode(StatusCodes.Status502BadGateway) : Results.Text("got " + body);
            });
        });
        using var host = new OutboundTestHost(Settings());
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Url("/hook")) { Content = new StringContent("delivery-1") };

        using var response = await host.Client(OutboundPurpose.Webhooks).SendAsync(request.AllowRetry(), Cancel);

        Assert.Equal("got delivery-1", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task Post_AllowedToRetry_ThatWasRedirected_IsRetriedFromTheFirstAddress()
    {
        var starts = 0;
        await using var server = await TestServer.StartAsync(app =>
        {
            var failed = 0;
            app.MapPost("/start", () =>
            {
                Interlocked.Increment(ref starts);
                return Results.Redirect("/hook", permanent: false, preserveMethod: true);
            });
            app.MapPost("/hook", () => Interlocked.Increment(ref failed) == 1 ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("delivered"));
        });
        using var host = new OutboundTestHost(Settings());
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Url("/start")) { Content = new StringContent("delivery-2") };

        using var response = await host.Client().SendAsync(request.AllowRetry(), Cancel);

        Assert.Equal("delivered", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(2, starts);
        Assert.Equal(server.Url("/start"), request.RequestUri);
    }

    [Fact]
    public async Task Get_ToAPortNobodyListensOn_IsRetriedThenFailsAsAConnectionError()
    {
        int port;
        await using (var gone = await TestServer.StartAsync(_ => { }))
        {
            port = gone.Port;
        }

        using var host = new OutboundTestHost(Settings(("Concord:Outbound:Feeds:MaxRetries", "1")));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => host.Client().GetAsync($"http://127.0.0.1:{port}/", Cancel));

        Assert.IsNotType<OutboundRefusedException>(error);
        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Contains(host.Logs, l => l.Contains("failed (HttpRequestException); retry 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_ToANotFoundPage_IsNotRetried()
    {
        await using var server = await TestServer.StartAsync(_ => { });
        using var host = new OutboundTestHost(Settings());

        using var response = await host.Client().GetAsync(server.Url("/missing"), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, server.Requests);
    }
}
