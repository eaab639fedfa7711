using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Concord.IntegrationTests.Intel;

/// <summary>HTTP helpers for the Intel endpoints.</summary>
internal static class IntelHttp
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, string bundle, string query = "")
    {
        var content = new StringContent(bundle, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/stix+json");
        return client.PostAsync($"/api/v1/objects/import{(query.Length > 0 ? "?" + query : string.Empty)}", content, Ct);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<HashSet<string>> ListIdsAsync(this HttpClient client, string query, int limit = 1000)
    {
        var ids = new HashSet<string>();
        string? cursor = null;
        do
        {
            using var response = await client.GetAsync($"/api/v1/objects?limit={limit}&{query}{(cursor is null ? string.Empty : "&cursor=" + cursor)}", Ct);
            if (!response.IsSuccessStatusCode)
            {
                return [$"status {(int)response.StatusCode}"];
            }

            var body = await response.JsonAsync();
            foreach (var item in body.GetProperty("objects").EnumerateArray())
            {
                ids.Add(item.GetProperty("id").GetString()!);
            }

            cursor = body.GetProperty("next").GetString();
        }
        while (cursor is not null);
        return ids;
    }
}
