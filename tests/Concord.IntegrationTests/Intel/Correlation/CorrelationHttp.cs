using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Stix;

namespace Concord.IntegrationTests.Intel.Correlation;

/// <summary>Objects carrying observables, and calls to the correlation endpoints.</summary>
internal static class CorrelationHttp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An indicator whose STIX pattern asserts <paramref name="pattern"/> (e.g. <c>[ipv4-addr:value = '192.0.2.1']</c>).</summary>
    public static JsonObject Indicator(string pattern, string? name = null, string created = "2026-01-01T00:00:00.000Z", string? modified = null, Tlp? tlp = null)
    {
        var indicator = Bundles.Indicator(modified: modified ?? created, tlp: tlp, name: name ?? "Correlated " + Guid.NewGuid().ToString("N")[..8]);
        indicator["pattern"] = pattern;
        indicator["created"] = created;
        return indicator;
    }

    /// <summary>An indicator for one value of a pattern object path, e.g. <c>("ipv4-addr:value", "192.0.2.1")</c>.</summary>
    public static JsonObject IndicatorFor(string path, string value, string? name = null) => Indicator($"[{path} = '{value}']", name);

    public static async Task ImportOkAsync(this HttpClient client, string query, params JsonNode[] objects)
    {
        using var response = await client.ImportAsync(Bundles.Bundle(objects), query);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"import failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }

    public static async Task<HttpResponseMessage> LookupAsync(this HttpClient client, IEnumerable<string> values, bool? parentDomains = null) =>
        await client.PostAsJsonAsync("/api/v1/correlation/lookup", new { values = values.ToArray(), parent_domains = parentDomains }, Ct);

    /// <summary>The lookup's answer for each value: the ids of the correlated objects.</summary>
    public static async Task<JsonElement> LookupJsonAsync(this HttpClient client, params string[] values)
    {
        using var response = await client.LookupAsync(values);
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    /// <summary>The object ids an answer for one value lists, across reporters.</summary>
    public static HashSet<string> ObjectIds(JsonElement value) =>
        value.GetProperty("reporters").EnumerateArray()
            .SelectMany(r => r.GetProperty("objects").EnumerateArray())
            .Select(o => o.GetProperty("id").GetString()!)
            .ToHashSet();

    /// <summary>The ids correlated with a single value.</summary>
    public static async Task<HashSet<string>> CorrelatedIdsAsync(this HttpClient client, string value)
    {
        var body = await client.LookupJsonAsync(value);
        return ObjectIds(body.GetProperty("values")[0]);
    }

    public static string Id(this JsonNode node) => node["id"]!.GetValue<string>();

    public static string Raw(this JsonElement element) => JsonSerializer.Serialize(element);
}
