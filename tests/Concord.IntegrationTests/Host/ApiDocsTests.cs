using System.Net;
using System.Text.Json;

namespace Concord.IntegrationTests.Host;

public class ApiDocsTests
{
    private static readonly string[] ExpectedRoutes =
    [
        "/api/v1/auth/login", "/api/v1/me", "/api/v1/organisations", "/api/v1/users", "/api/v1/api-keys", "/api/v1/sharing-groups",
        "/api/v1/objects", "/api/v1/objects/import", "/api/v1/objects/{id}", "/api/v1/objects/{id}/versions", "/api/v1/jobs",
        "/api/v1/directory/teams/{organisationId}/routing",
        "/api/v1/cases", "/api/v1/cases/{caseId}", "/api/v1/cases/{caseId}/attachments/{attachmentId}",
    ];

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OpenApiDocument_IsServedWithTheApiKeySchemeAndTheApiRoutes(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var client = node.CreateClient();

        var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        // The node's API, its health, and the MISP-compatible API PyMISP scripts talk to (README, "Using PyMISP").
        Assert.All(paths.EnumerateObject(), p => Assert.True(
            p.Name.StartsWith("/api/v1/", StringComparison.Ordinal) || p.Name.StartsWith("/health/", StringComparison.Ordinal) || p.Name.StartsWith("/misp/", StringComparison.Ordinal), p.Name));
        foreach (var route in ExpectedRoutes)
        {
            Assert.True(paths.TryGetProperty(route, out _), $"{route} is not in the document");
        }

        // Operations that need a caller say so; signing in does not.
        Assert.True(paths.GetProperty("/api/v1/organisations").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/v1/auth/login").GetProperty("post").TryGetProperty("security", out _));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DocsPage_IsServedFromTheNodeItself(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var client = node.CreateClient();

        var page = await client.GetAsync("/api/docs/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.jsdelivr", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.scalar.com", html, StringComparison.Ordinal);

        // Every script the page loads comes from this node, and the policy forbids any other origin.
        foreach (var src in System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value))
        {
            Assert.False(Uri.TryCreate(src, UriKind.Absolute, out var absolute) && absolute.Host != node.BaseAddress.Host, $"script from elsewhere: {src}");
            var script = await client.GetAsync(new Uri(new Uri(node.BaseAddress, "/api/docs/"), src), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }

        Assert.Contains("connect-src 'self'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
