using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Concord.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Concord.IntegrationTests.Host;

/// <summary>
/// What the framework refuses before an endpoint runs — a typed parameter that does not bind, a body that is not JSON or
/// not of the operation's shape, a body in another media type — answers a problem naming the field and saying what was
/// sent and what is taken, not a bare 400; and is not logged as an unhandled exception.
/// </summary>
public partial class MalformedRequestTests(MalformedRequestNodes nodes) : IClassFixture<MalformedRequestNodes>
{
    private const string Malformed = "abc";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryTypedQueryParameterOfTheApi_Malformed_AnswersAProblemNamingItAndTheValue(Store store)
    {
        var (node, alliance) = await nodes.ForAsync(store);
        var admin = await alliance.ClientAsync("Alpha", Role.NodeAdmin);
        var checkedParameters = new List<string>();
        var failures = new List<string>();
        foreach (var (method, path, name) in TypedQueryParameters(node))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"{path}?{name}={Malformed}");
            if (method != "GET")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            using var response = await admin.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonDocument.Parse(body).RootElement : default;
            if (response.StatusCode != HttpStatusCode.BadRequest || problem.ValueKind != JsonValueKind.Object
                || problem.GetProperty("rule").GetString() != "bad-request" || !problem.TryGetProperty("field", out var field) || field.GetString() != name
                || problem.GetProperty("detail").GetString()?.Contains($"\"{Malformed}\"", StringComparison.Ordinal) != true)
            {
                failures.Add($"{method} {path}?{name}={Malformed}: {(int)response.StatusCode} {body}");
            }

            checkedParameters.Add($"{path} {name}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The sweep reaches the parameters it must: an int, a number bound under another name, a UUID and a timestamp.
        Assert.Contains("/api/v1/objects/ limit", checkedParameters);
        Assert.Contains("/api/v1/objects/ min_score", checkedParameters);
        Assert.Contains("/api/v1/me/notifications before", checkedParameters);
        Assert.Contains("/api/v1/audit/ from", checkedParameters);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MalformedQueryParameter_DetailSaysWhatWasSentAndWhatIsTaken(Store store)
    {
        var (_, alliance) = await nodes.ForAsync(store);
        var admin = await alliance.ClientAsync("Alpha", Role.NodeAdmin);
        var timestamp = "a valid date and time (RFC 3339, e.g. 2026-01-01T00:00:00Z)";
        foreach (var (url, field, detail) in new[]
                 {
                     ("/api/v1/objects?limit=abc", "limit", "Parameter \"limit\": \"abc\" is not a valid integer."),
                     ("/api/v1/objects?min_score=high", "min_score", "Parameter \"min_score\": \"high\" is not a valid number."),
                     ("/api/v1/me/notifications?before=not-an-id", "before", "Parameter \"before\": \"not-an-id\" is not a valid UUID."),
                     ("/api/v1/me/notifications?unread=maybe", "unread", "Parameter \"unread\": \"maybe\" is not true or false."),
                     ("/api/v1/audit?from=yesterday", "from", $"Parameter \"from\": \"yesterday\" is not {timestamp}."),
                     ("/api/v1/users?organisationId=alpha", "organisationId", "Parameter \"organisationId\": \"alpha\" is not a valid UUID."),
                     ("/test/shade?shade=purple", "shade", "Parameter \"shade\": \"purple\" is not one of: Clear, Green, Amber, Red."),
                 })
        {
            var problem = await ProblemAssert.IsProblemAsync(await admin.GetAsync(url, Ct), HttpStatusCode.BadRequest, "bad-request");
            Assert.Equal((field, detail), (problem.GetProperty("field").GetString(), problem.GetProperty("detail").GetString()));
        }

        // A long value is named, not replayed whole.
        var long9 = new string('9', 5000);
        var cut = await ProblemAssert.IsProblemAsync(await admin.GetAsync($"/api/v1/objects?limit={long9}", Ct), HttpStatusCode.BadRequest, "bad-request");
        Assert.InRange(cut.GetProperty("detail").GetString()!.Length, 100, 200);

        // Anyone gets the same answer: the node's anonymous reader too, when binding fails before anything is read.
        var anonymous = await ProblemAssert.IsProblemAsync(await alliance.Anonymous().GetAsync("/test/shade?shade=1x", Ct), HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal("shade", anonymous.GetProperty("field").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UnreadableJsonBody_AnswersAProblemNamingTheBodyOrTheProperty_AndChangesNothing(Store store)
    {
        var (_, alliance) = await nodes.ForAsync(store);
        var admin = await alliance.ClientAsync("Alpha", Role.NodeAdmin);
        async Task<JsonElement> RefusedAsync(string url, string body, string field, HttpMethod? method = null)
        {
            using var request = new HttpRequestMessage(method ?? HttpMethod.Put, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            var problem = await ProblemAssert.IsProblemAsync(await admin.SendAsync(request, Ct), HttpStatusCode.BadRequest, "bad-request");
            Assert.Equal(field, problem.GetProperty("field").GetString());
            return problem;
        }

        var settings = "/api/v1/alerts/settings";
        Assert.StartsWith("The request body is not valid JSON (line 1, byte ", Detail(await RefusedAsync(settings, "{\"enabled\": tru", "body")), StringComparison.Ordinal);
        Assert.StartsWith("The body's \"enabled\" is not true or false", Detail(await RefusedAsync(settings, "{\"enabled\": \"yes\"}", "enabled")), StringComparison.Ordinal);
        Assert.StartsWith("The request body is not an object", Detail(await RefusedAsync(settings, "[true]", "body")), StringComparison.Ordinal);
        Assert.Equal("The request needs a body (JSON).", Detail(await RefusedAsync(settings, "", "body")));
        Assert.StartsWith(
            "The body's \"type\" is not one of: national-cert, government-cert, sectoral-csirt,",
            Detail(await RefusedAsync("/test/team", "{\"type\": \"bank\"}", "type", HttpMethod.Post)), StringComparison.Ordinal);
        Assert.StartsWith(
            "The body's \"due\" is not a valid date and time (RFC 3339",
            Detail(await RefusedAsync("/test/team", "{\"type\": \"national-cert\", \"due\": \"tomorrow\"}", "due", HttpMethod.Post)), StringComparison.Ordinal);

        // Not JSON at all: 415, naming the header and what was sent.
        using var text = new StringContent("enabled=true", Encoding.UTF8, "text/plain");
        var media = await ProblemAssert.IsProblemAsync(await admin.PutAsync(settings, text, Ct), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal("Content-Type", media.GetProperty("field").GetString());
        Assert.Equal(
            "This operation does not read a body of type \"text/plain; charset=utf-8\": send it as the operation takes it (JSON operations: 'Content-Type: application/json').",
            Detail(media));

        using var current = await admin.GetAsync(settings, Ct);
        Assert.False(JsonDocument.Parse(await current.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("enabled").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task InDevelopment_AMalformedParameter_IsAProblem_LoggedAtDebugOnly_NotAsAnUnhandledException(Store store)
    {
        var logs = new CapturedLogs();
        await using var node = await TestNode.StartAsync(
            store,
            new Dictionary<string, string?> { ["Logging:LogLevel:Concord.Host.Hosting.ProblemExceptionHandler"] = "Debug" },
            MalformedRequestNodes.MapTestEndpoints,
            builder =>
            {
                // The builder's environment decides the pipeline (the developer exception page); the services get their
                // own copy, made when the builder was: both say Development, as on a node started in Development.
                builder.Environment.EnvironmentName = Environments.Development;
                builder.Services.AddSingleton<IHostEnvironment>(builder.Environment);
                builder.Services.AddSingleton(builder.Environment);
                builder.Logging.AddProvider(logs);
            });
        using var client = node.CreateClient();
        Assert.True(node.Services.GetRequiredService<IHostEnvironment>().IsDevelopment());
        logs.Entries.Clear();

        var problem = await ProblemAssert.IsProblemAsync(await client.GetAsync("/test/shade?shade=purple", Ct), HttpStatusCode.BadRequest, "bad-request");

        Assert.Equal("shade", problem.GetProperty("field").GetString());
        Assert.DoesNotContain(" at ", Detail(problem), StringComparison.Ordinal);
        var entries = logs.Entries.ToList();
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning && (e.Exception is BadHttpRequestException || e.Message.Contains("nhandled", StringComparison.Ordinal)));
        var refused = Assert.Single(entries, e => e.Category == "Concord.Host.Hosting.ProblemExceptionHandler");
        Assert.Equal(LogLevel.Debug, refused.Level);
        Assert.Contains("field shade", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("purple", refused.Message, StringComparison.Ordinal);
    }

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;

    /// <summary>
    /// Every query parameter of a type ASP.NET parses (a number, a flag, a UUID, a timestamp, an enum) on the node's
    /// /api/v1 endpoints, as (method, path with its route values filled, the name the client sends).
    /// </summary>
    private static IEnumerable<(string Method, string Path, string Name)> TypedQueryParameters(TestNode node)
    {
        Type[] parsed = [typeof(int), typeof(long), typeof(double), typeof(decimal), typeof(bool), typeof(Guid), typeof(DateTimeOffset), typeof(DateTime)];
        var endpoints = node.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true);
        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET";
            var routeValues = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
            {
                var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
                var attributes = parameter.GetCustomAttributes(inherit: false);
                if ((!parsed.Contains(type) && !type.IsEnum) || routeValues.Contains(parameter.Name!)
                    || attributes.Any(a => a is FromBodyAttribute or FromServicesAttribute or FromHeaderAttribute or FromFormAttribute or AsParametersAttribute))
                {
                    continue;
                }

                var name = attributes.OfType<FromQueryAttribute>().FirstOrDefault()?.Name ?? parameter.Name!;
                yield return (method, Fill(endpoint.RoutePattern), name);
            }
        }
    }

    /// <summary>The route with a UUID for each <c>guid</c> parameter and a word for any other: binding fails before either is looked up.</summary>
    private static string Fill(RoutePattern pattern) => RouteParameter().Replace(pattern.RawText!, m =>
        m.Value.Contains(":guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : "x");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
