using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Concord.Taxii.Client;

/// <summary>
/// A TAXII 2.1 client: discovery, API roots, collections, paged object reads (following <c>next</c>, with
/// <c>added_after</c>), adding envelopes and polling their status. The caller owns the <see cref="HttpClient"/> and
/// its authentication (<see cref="Basic"/> or <see cref="Bearer"/>).
/// </summary>
public sealed partial class TaxiiClient(HttpClient http)
{
    public const string MediaType = "application/taxii+json;version=2.1";

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static AuthenticationHeaderValue Bearer(string apiKey) => new("Bearer", apiKey);

    public async Task<TaxiiDiscovery> DiscoverAsync(Uri server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var url = new Uri(server, "/taxii2/");
        using var doc = await GetJsonAsync(url, cancellationToken);
        var root = doc.RootElement;
        var roots = Strings(root, "api_roots").Select(r => new Uri(url, r)).ToList();
        return new TaxiiDiscovery(Text(root, "title") ?? "", Text(root, "description"), Text(root, "default") is { } d ? new Uri(url, d) : null, roots);
    }

    public async Task<TaxiiApiRootInfo> GetApiRootAsync(Uri apiRoot, CancellationToken cancellationToken)
    {
        using var doc = await GetJsonAsync(Slash(apiRoot), cancellationToken);
        var root = doc.RootElement;
        return new TaxiiApiRootInfo(Text(root, "title") ?? "", Text(root, "description"), Strings(root, "versions"),
            root.TryGetProperty("max_content_length", out var max) ? max.GetInt64() : 0);
    }

    public async Task<IReadOnlyList<TaxiiCollectionInfo>> GetCollectionsAsync(Uri apiRoot, CancellationToken cancellationToken)
    {
        var url = new Uri(Slash(apiRoot), "collections/");
        using var doc = await GetJsonAsync(url, cancellationToken);
        if (!doc.RootElement.TryGetProperty("collections", out var list))
        {
            return [];
        }

        return list.EnumerateArray().Select(c => new TaxiiCollectionInfo(
            Text(c, "id") ?? "", Text(c, "title") ?? "", Text(c, "description"), Text(c, "alias"),
            c.TryGetProperty("can_read", out var r) && r.GetBoolean(), c.TryGetProperty("can_write", out var w) && w.GetBoolean(),
            Strings(c, "media_types"), new Uri(url, Text(c, "id") + "/"))).ToList();
    }

    /// <summary>
    /// Every page of a collection's objects, oldest <c>date_added</c> first, from <see cref="TaxiiReadOptions.AddedAfter"/>
    /// until the server has nothing more: <see cref="PullAsync"/> without a persisted cursor.
    /// </summary>
    public async IAsyncEnumerable<TaxiiObjectsPage> ReadPagesAsync(Uri collection, TaxiiReadOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        options ??= new TaxiiReadOptions();
        await foreach (var pulled in PullAsync(collection, new TaxiiCursor(options.AddedAfter, null), options, cancellationToken))
        {
            yield return pulled.Page;
        }
    }

    /// <summary>One page of Get Objects (T 5.4): <paramref name="next"/> is the token a previous page gave, or null.</summary>
    public async Task<TaxiiObjectsPage> ReadPageAsync(Uri collection, TaxiiReadOptions options, string? next, CancellationToken cancellationToken) =>
        (await ReadEnvelopeAsync(collection, options, next, cancellationToken)).Page;

    /// <summary>A page and whether the envelope said <c>more</c> at all (absent means false, but a pull treats it apart).</summary>
    private async Task<(TaxiiObjectsPage Page, bool MoreGiven)> ReadEnvelopeAsync(Uri collection, TaxiiReadOptions options, string? next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = new Uri(Slash(collection), "objects/" + Query(options, next));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(MediaType);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var doc = await ReadAsync(response, cancellationToken);
        var root = doc.RootElement;
        var objects = root.TryGetProperty("objects", out var list)
            ? list.EnumerateArray().Select(o => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(o.GetRawText())).ToList()
            : [];
        var custom = root.EnumerateObject().Where(p => p.Name.StartsWith("x_", StringComparison.Ordinal))
            .ToDictionary(p => p.Name, p => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(p.Value.GetRawText()), StringComparer.Ordinal);
        var more = root.TryGetProperty("more", out var m) ? m.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => (bool?)null } : null;

        // 'next' is a string (T 3.4), but some servers send their page number as a JSON number: it is sent back as it came.
        var token = root.TryGetProperty("next", out var n) ? n.ValueKind switch { JsonValueKind.String => n.GetString(), JsonValueKind.Number => n.GetRawText(), _ => null } : null;
        var page = new TaxiiObjectsPage(objects, more == true, string.IsNullOrEmpty(token) ? null : token,
            Header(response, "X-TAXII-Date-Added-First"), Header(response, "X-TAXII-Date-Added-Last"), custom);
        return (page, more is not null);
    }

    /// <summary>Posts an envelope (<c>{"objects": [...]}</c>) to a collection; returns the status the server answered with.</summary>
    public async Task<TaxiiStatusInfo> AddObjectsAsync(Uri collection, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Slash(collection), "objects/"));
        request.Headers.Accept.ParseAdd(MediaType);
        request.Content = new ReadOnlyMemoryContent(envelope);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(MediaType);
        using var response = await http.SendAsync(request, cancellationToken);
        using var doc = await ReadAsync(response, cancellationToken);
        return Status(doc.RootElement);
    }

    public async Task<TaxiiStatusInfo> GetStatusAsync(Uri apiRoot, string statusId, CancellationToken cancellationToken)
    {
        using var doc = await GetJsonAsync(new Uri(Slash(apiRoot), $"status/{Uri.EscapeDataString(statusId)}/"), cancellationToken);
        return Status(doc.RootElement);
    }

    /// <summary>Polls a status until it is complete.</summary>
    public async Task<TaxiiStatusInfo> WaitForStatusAsync(Uri apiRoot, TaxiiStatusInfo status, TimeSpan interval, IProgress<TaxiiStatusInfo>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        while (!status.IsComplete)
        {
            await Task.Delay(interval, cancellationToken);
            status = await GetStatusAsync(apiRoot, status.Id, cancellationToken);
            progress?.Report(status);
        }

        return status;
    }

    /// <summary>The API root of a collection URL (<c>…/{root}/collections/{id}/</c>).</summary>
    public static Uri ApiRootOf(Uri collection)
    {
        var url = Slash(collection).ToString();
        var at = url.LastIndexOf("/collections/", StringComparison.Ordinal);
        return at < 0 ? throw new ArgumentException("Not a TAXII collection URL (…/collections/{id}/).", nameof(collection)) : new Uri(url[..(at + 1)]);
    }

    private async Task<JsonDocument> GetJsonAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(MediaType);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var type = response.Content.Headers.ContentType;
        var isTaxii = type?.MediaType == "application/taxii+json";
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var message = $"HTTP {(int)response.StatusCode}";
            if (isTaxii)
            {
                using var error = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
                message = $"{message}: {Text(error.RootElement, "title")}. {Text(error.RootElement, "description")}";
            }

            throw new TaxiiClientException((int)response.StatusCode, message);
        }

        if (!isTaxii)
        {
            throw new TaxiiClientException((int)response.StatusCode, $"The server answered {type?.MediaType ?? "without a content type"}, not {MediaType}.");
        }

        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }

    private static string Query(TaxiiReadOptions options, string? next)
    {
        var parts = new List<string>();
        if (options.AddedAfter is { } after)
        {
            parts.Add("added_after=" + after.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        }

        if (options.Limit is { } limit)
        {
            parts.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        }

        if (options.Types is { Count: > 0 } types)
        {
            parts.Add("match[type]=" + Uri.EscapeDataString(string.Join(',', types)));
        }

        if (options.Ids is { Count: > 0 } ids)
        {
            parts.Add("match[id]=" + Uri.EscapeDataString(string.Join(',', ids)));
        }

        if (options.Version is { } version)
        {
            parts.Add("match[version]=" + Uri.EscapeDataString(version));
        }

        if (next is not null)
        {
            parts.Add("next=" + Uri.EscapeDataString(next));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static TaxiiStatusInfo Status(JsonElement s) => new(
        Text(s, "id") ?? "", Text(s, "status") ?? "", Int(s, "total_count"), Int(s, "success_count"), Int(s, "failure_count"), Int(s, "pending_count"),
        Details(s, "successes"), Details(s, "failures"), Details(s, "pendings"));

    private static List<TaxiiStatusDetail> Details(JsonElement s, string name) =>
        s.TryGetProperty(name, out var list) ? list.EnumerateArray().Select(d => new TaxiiStatusDetail(Text(d, "id") ?? "", Text(d, "version") ?? "", Text(d, "message"))).ToList() : [];

    private static int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt32() : 0;

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];

    private static DateTimeOffset? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && DateTimeOffset.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static Uri Slash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
