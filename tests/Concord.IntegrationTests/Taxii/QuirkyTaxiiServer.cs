using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concord.IntegrationTests.Taxii;

/// <summary>How a <see cref="QuirkyTaxiiServer"/> pages: each member one thing a real TAXII 2.1 server does that the spec allows.</summary>
internal sealed record TaxiiQuirks
{
    /// <summary>The most objects a page holds, whatever the client asks.</summary>
    public int? PageCap { get; init; }

    /// <summary>The server ignores <c>limit</c>: pages are <see cref="PageCap"/> long, or the whole collection.</summary>
    public bool IgnoreLimit { get; init; }

    public NextKind Next { get; init; } = NextKind.Opaque;

    /// <summary>A <c>next</c> on the last page too.</summary>
    public bool NextOnLastPage { get; init; }

    /// <summary><c>more</c> is left out when false.</summary>
    public bool MoreAbsentWhenFalse { get; init; }

    /// <summary><c>more</c> is never sent: only <c>next</c> says another page follows.</summary>
    public bool NeverMore { get; init; }

    /// <summary>With <see cref="NextOnLastPage"/>, the last page's <c>next</c> is one the server then refuses.</summary>
    public bool LastNextDangling { get; init; }

    /// <summary>No X-TAXII-Date-Added-First/Last headers (the manifest still tells each object's date_added).</summary>
    public bool NoDateHeaders { get; init; }

    /// <summary>No manifest endpoint (404).</summary>
    public bool NoManifest { get; init; }

    /// <summary>The status a refused <c>next</c> is answered with.</summary>
    public int RefusedStatus { get; init; } = 400;

    /// <summary>Every <c>next</c> is refused, even one just given.</summary>
    public bool RefuseEveryNext { get; init; }

    /// <summary>A <c>next</c> is answered with the first page again (a broken server).</summary>
    public bool RepeatFirstPage { get; init; }

    /// <summary>The status a DELETE of an object is answered with (405: the server does not delete); null: it deletes.</summary>
    public int? DeleteStatus { get; init; }

    /// <summary>How many times a status of added objects is answered pending before it is complete.</summary>
    public int PendingPolls { get; init; }

    public override string ToString() => string.Join(", ", GetType().GetProperties().Select(p => $"{p.Name}={p.GetValue(this)}"));
}

internal enum NextKind
{
    /// <summary>A token the server keeps (like medallion's): valid only with the same filters, until forgotten.</summary>
    Opaque,

    /// <summary>The 1-based number of the next page, as a JSON number; the server keeps nothing.</summary>
    Numeric,

    /// <summary>
    /// One token per pass, given again with every page, the position kept on the server and moved as each page is
    /// served (medallion's); forgotten after the last page.
    /// </summary>
    Session,

    /// <summary>No <c>next</c> at all: <c>more</c> and <c>added_after</c> only.</summary>
    None,
}

/// <summary>
/// A TAXII 2.1 server on 127.0.0.1 serving one collection of deterministic indicators, oldest <c>date_added</c> first,
/// with the paging <see cref="TaxiiQuirks"/> a test chooses. It counts the Get Objects requests it answers. It also takes
/// objects (Add Objects, with a status to follow) into <see cref="Added"/> — refusing any that carries
/// <c>x_quirky_refuse</c>, and taking a version it holds again as a success — and deletes them (or answers
/// <see cref="TaxiiQuirks.DeleteStatus"/>).
/// </summary>
internal sealed class QuirkyTaxiiServer : IAsyncDisposable
{
    public const string CollectionPath = "/api1/collections/quirky/";
    private static readonly DateTimeOffset Epoch = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string? AddedAfter, int Offset)> _tokens = new();
    private readonly ConcurrentDictionary<string, (int Polls, string Body)> _statuses = new();
    private int _objectRequests;
    private int _addRequests;
    private int _deleteRequests;

    private QuirkyTaxiiServer(WebApplication app, TaxiiQuirks quirks, IReadOnlyList<Item> items)
    {
        _app = app;
        Quirks = quirks;
        Items = items;
    }

    public TaxiiQuirks Quirks { get; }

    public IReadOnlyList<Item> Items { get; }

    public Uri Collection { get; private set; } = default!;

    public int ObjectRequests => Volatile.Read(ref _objectRequests);

    /// <summary>Objects added, by (id, version), each with its JSON.</summary>
    public ConcurrentDictionary<(string Id, string Version), string> Added { get; } = new();

    public int AddRequests => Volatile.Read(ref _addRequests);

    public int DeleteRequests => Volatile.Read(ref _deleteRequests);

    public sealed record Item(string Id, DateTimeOffset DateAdded, string Version, string Json);

    /// <summary>
    /// Serves <paramref name="count"/> indicators; object <c>i</c> is added at instant <c>instantOf(i)</c>, in microseconds
    /// after a fixed epoch (neighbouring instants one microsecond apart, so a cursor off by one shows).
    /// </summary>
    public static async Task<QuirkyTaxiiServer> StartAsync(TaxiiQuirks quirks, int count, Func<int, int> instantOf)
    {
        var items = Enumerable.Range(0, count).Select(i =>
        {
            var id = $"indicator--00000000-0000-4000-8000-{i:D12}";
            var version = Format(Epoch.AddDays(-1).AddMilliseconds(i));
            var json = $$"""{"type":"indicator","spec_version":"2.1","id":"{{id}}","created":"{{version}}","modified":"{{version}}","name":"quirky {{i}}","pattern":"[ipv4-addr:value = '10.0.{{i / 256}}.{{i % 256}}']","pattern_type":"stix","valid_from":"{{version}}"}""";
            return new Item(id, Epoch.AddTicks(instantOf(i) * TimeSpan.TicksPerMicrosecond), version, json);
        }).OrderBy(i => i.DateAdded).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new QuirkyTaxiiServer(app, quirks, items);
        app.MapGet(CollectionPath + "objects/", server.GetObjects);
        app.MapGet(CollectionPath + "manifest/", server.GetManifest);
        app.MapPost(CollectionPath + "objects/", server.AddObjectsAsync);
        app.MapDelete(CollectionPath + "objects/{id}/", server.DeleteObject);
        app.MapGet("/api1/", () => Results.Text("""{"title":"quirky","versions":["application/taxii+json;version=2.1"],"max_content_length":1048576}""", TaxiiHarness.Taxii21));
        app.MapGet("/api1/status/{id}/", server.GetStatus);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Collection = new Uri(new Uri(address), CollectionPath);
        return server;
    }

    /// <summary>Forgets every <c>next</c> it gave (as a server does when they expire, or when it restarts).</summary>
    public void ForgetTokens() => _tokens.Clear();

    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private IResult GetObjects(HttpContext context)
    {
        Interlocked.Increment(ref _objectRequests);
        var query = context.Request.Query;
        var addedAfter = query["added_after"].FirstOrDefault();
        var after = addedAfter is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(addedAfter, CultureInfo.InvariantCulture);
        var matching = Items.Where(i => after is null || i.DateAdded > after).ToList();
        var size = Quirks.IgnoreLimit ? Quirks.PageCap ?? int.MaxValue
            : Math.Min(int.Parse(query["limit"].FirstOrDefault() ?? "100", CultureInfo.InvariantCulture), Quirks.PageCap ?? int.MaxValue);
        var offset = 0;
        var pageNumber = 1;
        if (query["next"].FirstOrDefault() is { } next)
        {
            if (Quirks.RefuseEveryNext)
            {
                return Error(Quirks.RefusedStatus, "'next' not valid");
            }

            if (Quirks.Next == NextKind.Numeric && int.TryParse(next, CultureInfo.InvariantCulture, out pageNumber) && pageNumber >= 1)
            {
                offset = (pageNumber - 1) * size;
            }
            else if (Quirks.Next is NextKind.Opaque or NextKind.Session && _tokens.TryGetValue(next, out var token) && token.AddedAfter == addedAfter)
            {
                offset = token.Offset;
            }
            else
            {
                return Error(Quirks.RefusedStatus, "'next' not valid, or the filters changed");
            }

            offset = Quirks.RepeatFirstPage ? 0 : offset;
        }

        var page = matching.Skip(offset).Take(size).ToList();
        var more = offset + page.Count < matching.Count;
        if (Quirks.Next == NextKind.Session && !more && query["next"].FirstOrDefault() is { } finished)
        {
            _tokens.TryRemove(finished, out _);
        }

        var body = new StringBuilder("{");
        if (!Quirks.NeverMore && (more || !Quirks.MoreAbsentWhenFalse))
        {
            body.Append(CultureInfo.InvariantCulture, $"\"more\":{(more ? "true" : "false")},");
        }

        if (Quirks.Next != NextKind.None && page.Count > 0 && (more || Quirks.NextOnLastPage))
        {
            if (Quirks.Next == NextKind.Numeric)
            {
                body.Append(CultureInfo.InvariantCulture, $"\"next\":{pageNumber + 1},");
            }
            else if (Quirks.Next == NextKind.Session)
            {
                var token = query["next"].FirstOrDefault() ?? Guid.NewGuid().ToString();
                _tokens[token] = (addedAfter, offset + page.Count);
                body.Append(CultureInfo.InvariantCulture, $"\"next\":\"{token}\",");
            }
            else
            {
                var token = Guid.NewGuid().ToString();
                if (more || !Quirks.LastNextDangling)
                {
                    _tokens[token] = (addedAfter, offset + page.Count);
                }

                body.Append(CultureInfo.InvariantCulture, $"\"next\":\"{token}\",");
            }
        }

        body.Append("\"objects\":[").AppendJoin(',', page.Select(i => i.Json)).Append("]}");
        if (page.Count > 0 && !Quirks.NoDateHeaders)
        {
            context.Response.Headers["X-TAXII-Date-Added-First"] = Format(page[0].DateAdded);
            context.Response.Headers["X-TAXII-Date-Added-Last"] = Format(page[^1].DateAdded);
        }

        return Results.Text(body.ToString(), TaxiiHarness.Taxii21);
    }

    private IResult GetManifest(HttpContext context)
    {
        if (Quirks.NoManifest)
        {
            return Error(404, "No manifests here");
        }

        var ids = (context.Request.Query["match[id]"].FirstOrDefault() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var records = Items.Where(i => ids.Length == 0 || ids.Contains(i.Id))
            .Select(i => new { id = i.Id, date_added = Format(i.DateAdded), version = i.Version, media_type = "application/stix+json;version=2.1" });
        return Results.Text(JsonSerializer.Serialize(new { more = false, objects = records }), TaxiiHarness.Taxii21);
    }

    private async Task<IResult> AddObjectsAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _addRequests);
        using var envelope = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        var (successes, failures) = (new List<object>(), new List<object>());
        foreach (var o in envelope.RootElement.GetProperty("objects").EnumerateArray())
        {
            var id = o.GetProperty("id").GetString()!;
            var version = o.TryGetProperty("modified", out var m) ? m.GetString()! : o.TryGetProperty("created", out var c) ? c.GetString()! : "";
            if (o.TryGetProperty("x_quirky_refuse", out _))
            {
                failures.Add(new { id, version, message = "refused by this server's policy" });
                continue;
            }

            Added.TryAdd((id, version), o.GetRawText());
            successes.Add(new { id, version });
        }

        var statusId = Guid.NewGuid().ToString();
        var complete = JsonSerializer.Serialize(new
        {
            id = statusId, status = "complete", total_count = successes.Count + failures.Count, success_count = successes.Count,
            failure_count = failures.Count, pending_count = 0, successes, failures,
        });
        _statuses[statusId] = (Quirks.PendingPolls, complete);
        return StatusOf(statusId, 202);
    }

    private IResult GetStatus(string id) => StatusOf(id, 200);

    private IResult StatusOf(string id, int code)
    {
        if (!_statuses.TryGetValue(id, out var status))
        {
            return Error(404, "No such status");
        }

        if (status.Polls > 0)
        {
            _statuses[id] = (status.Polls - 1, status.Body);
            var total = JsonDocument.Parse(status.Body).RootElement.GetProperty("total_count").GetInt32();
            return Results.Text(JsonSerializer.Serialize(new { id, status = "pending", total_count = total, success_count = 0, failure_count = 0, pending_count = total }), TaxiiHarness.Taxii21, statusCode: code);
        }

        return Results.Text(status.Body, TaxiiHarness.Taxii21, statusCode: code);
    }

    private IResult DeleteObject(string id, HttpContext context)
    {
        Interlocked.Increment(ref _deleteRequests);
        if (Quirks.DeleteStatus is { } refused)
        {
            return Error(refused, "This server does not delete objects");
        }

        var version = context.Request.Query["match[version]"].FirstOrDefault();
        var gone = Added.Keys.Where(k => k.Id == id && (version is null or "all" || Same(k.Version, version))).ToList();
        foreach (var key in gone)
        {
            Added.TryRemove(key, out _);
        }

        return gone.Count == 0 ? Error(404, "No such object") : Results.Text("", TaxiiHarness.Taxii21);
    }

    private static bool Same(string a, string b) =>
        DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var x)
        && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var y) && x == y;

    private static IResult Error(int status, string title) =>
        Results.Text(JsonSerializer.Serialize(new { title }), TaxiiHarness.Taxii21, statusCode: status);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
