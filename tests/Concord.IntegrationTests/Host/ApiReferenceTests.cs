using System.Text.Json;

namespace Concord.IntegrationTests.Host;

/// <summary>The API reference is complete: every operation says what it does, what its parameters mean and how it fails.</summary>
public class ApiReferenceTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task EveryOperation_HasASummary_DescribedParameters_AndADocumentedError()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var missing = new List<string>();
        foreach (var path in paths.EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (!operation.Value.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
                {
                    missing.Add($"{name}: no summary");
                }

                if (!operation.Value.GetProperty("responses").EnumerateObject().Any(r => r.Name[0] is '4' or '5'))
                {
                    missing.Add($"{name}: no error response");
                }

                foreach (var parameter in operation.Value.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : default)
                {
                    if (!parameter.TryGetProperty("description", out var description) || string.IsNullOrWhiteSpace(description.GetString()))
                    {
                        missing.Add($"{name}: parameter {parameter.GetProperty("name")} has no description");
                    }
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Errors_AreProblemDetailsWithRuleAndField_AndFollowWhatTheOperationIs()
    {
        var document = await DocumentAsync();
        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("Problem").GetProperty("properties");
        Assert.True(problem.TryGetProperty("rule", out _) && problem.TryGetProperty("field", out _));

        var getObject = document.GetProperty("paths").GetProperty("/api/v1/objects/{id}").GetProperty("get").GetProperty("responses");
        Assert.Equal(["200", "400", "401", "403", "404", "500"], getObject.EnumerateObject().Select(r => r.Name).Order());
        Assert.True(getObject.GetProperty("404").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var revoke = document.GetProperty("paths").GetProperty("/api/v1/objects/{id}/revoke").GetProperty("post").GetProperty("responses");
        Assert.True(revoke.TryGetProperty("403", out _) && revoke.TryGetProperty("409", out _));
        var login = document.GetProperty("paths").GetProperty("/api/v1/auth/login").GetProperty("post").GetProperty("responses");
        Assert.True(login.TryGetProperty("429", out _));
        Assert.False(login.TryGetProperty("403", out _));

        // A JSON body in another media type is refused (415); a malformed parameter is a 400 like any invalid one.
        Assert.True(login.TryGetProperty("415", out _));
        var list = document.GetProperty("paths").GetProperty("/api/v1/objects").GetProperty("get").GetProperty("responses");
        Assert.Contains("`limit=abc`", list.GetProperty("400").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.False(list.TryGetProperty("415", out _));
    }

    [Fact]
    public async Task ImportBody_IsAStixBundle_InEachAcceptedMediaType()
    {
        var import = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/v1/objects/import").GetProperty("post");

        var content = import.GetProperty("requestBody").GetProperty("content");
        foreach (var media in new[] { "application/json", "application/stix+json", "application/taxii+json" })
        {
            var schema = content.GetProperty(media).GetProperty("schema");
            Assert.Equal("object", schema.GetProperty("type").GetString());
            Assert.Equal("array", schema.GetProperty("properties").GetProperty("objects").GetProperty("type").GetString());
        }

        Assert.True(import.GetProperty("responses").TryGetProperty("413", out _));
    }

    [Fact]
    public async Task TeamRouting_DocumentsItsRefusals()
    {
        var routing = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/v1/directory/teams/{organisationId}/routing");
        var put = routing.GetProperty("put");
        Assert.True(put.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        foreach (var status in new[] { "400", "401", "403", "404" })
        {
            Assert.True(put.GetProperty("responses").TryGetProperty(status, out _), $"PUT routing does not document {status}");
        }

        Assert.True(routing.GetProperty("get").GetProperty("responses").TryGetProperty("403", out _));
    }

    [Fact]
    public async Task HealthAndTaxii_AreInTheReference()
    {
        var document = await DocumentAsync();

        var ready = document.GetProperty("paths").GetProperty("/health/ready").GetProperty("get");
        Assert.True(ready.GetProperty("responses").TryGetProperty("503", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/health/live", out _));
        Assert.Equal("https://docs.oasis-open.org/cti/taxii/v2.1/os/taxii-v2.1-os.html", document.GetProperty("externalDocs").GetProperty("url").GetString());
        Assert.Contains("/taxii2/", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> DocumentAsync()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var client = node.CreateClient();
        var json = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
