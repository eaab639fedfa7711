using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Concord.IntegrationTests.Host;

public class ErrorPipelineTests
{
    private const string SecretMessage = "connection string Password=hunter2 leaked";

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UnknownRoute_AnswersNotFoundProblem(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var client = node.CreateClient();

        var response = await client.GetAsync("/api/v1/no-such-resource", TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BodyOverTheLimit_AnswersRequestTooLargeProblemNamingTheLimit(Store store)
    {
        await using var node = await TestNode.StartAsync(
            store,
            new Dictionary<string, string?> { ["Concord:Limits:MaxRequestBytes"] = "4096" },
            app => app.MapPost("/test/consume", async (HttpRequest request) =>
            {
                await request.Body.CopyToAsync(Stream.Null);
                return TypedResults.NoContent();
            }).AllowAnonymous());
        using var client = node.CreateClient();

        var response = await client.PostAsync("/test/consume", new ByteArrayContent(new byte[10_000]), TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        Assert.Equal(4096, problem.GetProperty("limit").GetInt64());
        Assert.Contains("4,096 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task JsonBodyOverTheLimit_OnARealEndpoint_AnswersRequestTooLargeProblem(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Limits:MaxRequestBytes"] = "4096" });
        using var client = node.CreateClient();
        var body = "{\"userName\":\"" + new string('a', 10_000) + "\",\"password\":\"x\"}";

        var response = await client.PostAsync("/api/v1/auth/login", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        Assert.Equal(4096, problem.GetProperty("limit").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BodyUnderTheLimit_IsAccepted(Store store)
    {
        await using var node = await TestNode.StartAsync(
            store,
            new Dictionary<string, string?> { ["Concord:Limits:MaxRequestBytes"] = "4096" },
            app => app.MapPost("/test/consume", async (HttpRequest request) =>
            {
                await request.Body.CopyToAsync(Stream.Null);
                return TypedResults.NoContent();
            }).AllowAnonymous());
        using var client = node.CreateClient();

        var response = await client.PostAsync("/test/consume", new ByteArrayContent(new byte[1000]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ThrownException_AnswersInternalErrorProblemWithoutDetails(Store store)
    {
        await using var node = await TestNode.StartAsync(
            store,
            configureApp: app => app.MapGet("/test/throw", IResult () => throw new InvalidOperationException(SecretMessage)).AllowAnonymous());
        using var client = node.CreateClient();

        var response = await client.GetAsync("/test/throw", TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, "internal-error");
        var text = problem.GetRawText();
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(Store store)
    {
        await using var node = await TestNode.StartAsync(
            store,
            configureApp: app => app.MapGet("/test/throw", IResult () => throw new InvalidOperationException(SecretMessage)).AllowAnonymous());
        using var client = node.CreateClient();

        foreach (var path in new[] { "/health/live", "/nowhere", "/test/throw", "/openapi/v1.json" })
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Contains("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }
    }
}
