using System.Net;

namespace Concord.IntegrationTests.LeakHarness;

/// <summary>
/// One way records leave the node (REST, TAXII, a page, a download, a service the UI calls): an adapter answers, for
/// each reader, which records it sees through this path, and reports every disagreement with the oracle.
/// To add a path (the Notifications inbox, say): implement this, add it to <see cref="ReadPaths.All"/>, and list the
/// routes it covers in <see cref="Routes"/> so <c>ReadPathCoverageTests</c> knows they are covered.
/// </summary>
public interface IReadPath
{
    string Name { get; }

    /// <summary>The routes ("METHODS /pattern" as the endpoint data source names them) whose reads this adapter checks.</summary>
    IReadOnlyList<string> Routes { get; }

    Task CheckAsync(LeakWorld world, Reader reader, Mismatches report);
}

/// <summary>A path whose answers must not move when records a reader may not read are added (counts, orders, scores).</summary>
public interface IFingerprinted
{
    /// <summary>The reader's whole view through the path, as text; compared before and after the decoys.</summary>
    Task<string> FingerprintAsync(LeakWorld world, Reader reader);
}

/// <summary>The harness's findings: every mismatch with the path, the reader and the record, to read at a glance.</summary>
public sealed class Mismatches(string path)
{
    private readonly List<string> _found = [];

    public IReadOnlyList<string> Found => _found;

    public void Add(Reader reader, string what) => _found.Add($"{path} / {reader}: {what}");

    /// <summary>Whether the reader sees <paramref name="record"/> here agrees with the oracle.</summary>
    public void Sees(Reader reader, LeakRecord record, string where, bool expected, bool seen)
    {
        if (expected != seen)
        {
            Add(reader, $"{where}: {record} — the oracle says {(expected ? "readable" : "hidden")}, the path {(seen ? "shows it" : "hides it")}");
        }
    }

    /// <summary>A status agrees with the oracle: 200 when readable, else exactly what a missing record answers.</summary>
    public async Task StatusAsync(Reader reader, LeakRecord record, string where, bool expected, HttpResponseMessage response, HttpStatusCode hidden = HttpStatusCode.NotFound)
    {
        var want = expected ? HttpStatusCode.OK : hidden;
        if (response.StatusCode != want)
        {
            Add(reader, $"{where}: {record} — expected {(int)want}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }
    }

    /// <summary>A hidden record answers exactly as a record that does not exist (status and body, ids aside).</summary>
    public async Task SameAsMissingAsync(Reader reader, LeakRecord record, string where, HttpClient client, string url, string missingUrl, string missingId)
    {
        using var hidden = await client.GetAsync(url, TestContext.Current.CancellationToken);
        using var missing = await client.GetAsync(missingUrl, TestContext.Current.CancellationToken);
        var a = $"{(int)hidden.StatusCode} {hidden.Content.Headers.ContentType?.MediaType} {Masked(await hidden.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), record.Id)}";
        var b = $"{(int)missing.StatusCode} {missing.Content.Headers.ContentType?.MediaType} {Masked(await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), missingId)}";
        if (a != b)
        {
            Add(reader, $"{where}: {record} answers otherwise than a missing record:\n  hidden:  {a}\n  missing: {b}");
        }
    }

    private static string Masked(string body, string id) =>
        System.Text.RegularExpressions.Regex.Replace(body.Replace(id, "{id}", StringComparison.Ordinal), "\"traceId\":\"[^\"]*\"", "\"traceId\":\"…\"");
}
