using System.Net;
using System.Text.Json;

namespace Concord.IntegrationTests.Host;

internal static class ProblemAssert
{
    /// <summary>Asserts an RFC 9457 problem details answer with the status and rule, and returns its body.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string rule)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.Equal(rule, body.GetProperty("rule").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        return body;
    }
}
