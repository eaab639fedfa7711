using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Testing;

namespace Concord.IntegrationTests.MispApi;

/// <summary>
/// Replays the requests PyMISP sends (../shared/data/misp/pymisp-requests) against a node: the exact method, path (under
/// the node's <c>/misp</c>, as PyMISP joins it to <c>https://node/misp/</c>), headers in wire order with the API key put
/// in <c>Authorization</c> bare, and body bytes. Host, Connection and Accept-Encoding are the HTTP client's own.
/// </summary>
internal static class PyMisp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static JsonElement Transcript(string file) =>
        JsonDocument.Parse(File.ReadAllText(SharedData.Path("misp", "pymisp-requests", file))).RootElement.Clone();

    public static IEnumerable<JsonElement> Requests(string file) => Transcript(file).GetProperty("requests").EnumerateArray();

    /// <summary>The event of 04-get-event.json, to store first: the transcripts' searches, views and additions name it.</summary>
    public static string SeedEvent()
    {
        var @event = JsonNode.Parse(Transcript("04-get-event.json").GetProperty("responses_sent_by_capture_server")[0].GetProperty("body").GetRawText())!["Event"]!.AsObject();
        @event.Remove("timestamp");
        @event.Remove("publish_timestamp"); // published now: the transcript's search asks for the last 7 days
        return @event.ToJsonString();
    }

    public static async Task<(int Status, JsonNode? Body)> SendAsync(HttpClient client, JsonElement request, string key, string? pathOverride = null, string? bodyOverride = null)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.GetProperty("method").GetString()!), "/misp" + (pathOverride ?? request.GetProperty("path").GetString()));
        var body = bodyOverride ?? (request.GetProperty("body_raw").ValueKind == JsonValueKind.String ? request.GetProperty("body_raw").GetString() : null);
        message.Content = new ByteArrayContent(body is null ? [] : Encoding.UTF8.GetBytes(body));
        foreach (var header in request.GetProperty("headers").EnumerateArray())
        {
            var (name, value) = (header[0].GetString()!, header[1].GetString()!.Replace("<API-KEY>", key, StringComparison.Ordinal));
            if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else if (name is not ("Host" or "Connection" or "Accept-Encoding"))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await client.SendAsync(message, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>PyMISP unwraps a non-null top-level <c>response</c> first.</summary>
    public static JsonNode? Unwrapped(JsonNode? body) => body is JsonObject o && o["response"] is { } inner ? inner : body;
}
