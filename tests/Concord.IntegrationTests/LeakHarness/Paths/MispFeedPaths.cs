using System.Net;
using System.Security.Cryptography;
using System.Text;
using Concord.Access;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// The MISP feed: the manifest and hashes.csv name no record the reader may not read (not its uuid, not the MD5 of its
/// value), and an event file is 200 only for a report or grouping the reader may read; any other uuid, hidden or not,
/// answers as a missing one. Members only: anonymous 401, a peer node 403. (The world holds no reports, so the events
/// a reader does get are checked by Intel/MispFeed/MispFeedTests.)
/// </summary>
internal sealed class MispFeedPaths : IReadPath, IFingerprinted
{
    private const string Feed = "/api/v1/feeds/misp";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "MISP feed";

    public IReadOnlyList<string> Routes { get; } = ["GET /api/v1/feeds/misp/manifest.json", "GET /api/v1/feeds/misp/hashes.csv", "GET /api/v1/feeds/misp/{uuid:guid}.json"];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var client = await world.ClientAsync(reader);
        using var manifest = await client.GetAsync($"{Feed}/manifest.json", Ct);
        using var hashes = await client.GetAsync($"{Feed}/hashes.csv", Ct);
        if (reader.Kind != PrincipalKind.Member)
        {
            var want = reader.Kind == PrincipalKind.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            if (manifest.StatusCode != want || hashes.StatusCode != want)
            {
                report.Add(reader, $"expected {(int)want}, got {(int)manifest.StatusCode} and {(int)hashes.StatusCode}");
            }

            return;
        }

        var manifestText = await manifest.Content.ReadAsStringAsync(Ct);
        var hashesText = await hashes.Content.ReadAsStringAsync(Ct);
        var missing = Guid.NewGuid();
        foreach (var record in world.Records)
        {
            var uuid = record.Id[(record.Id.IndexOf("--", StringComparison.Ordinal) + 2)..];
            var readable = world.MayRead(reader, record);
            if (!readable && manifestText.Contains(uuid, StringComparison.Ordinal))
            {
                report.Add(reader, $"manifest names hidden {record}");
            }

            if (!readable && record.Value is { } value && !world.Records.Any(r => r.Value == value && world.MayRead(reader, r))
                && hashesText.Contains(Md5(value), StringComparison.Ordinal))
            {
                report.Add(reader, $"hashes.csv holds the value of hidden {record}");
            }

            using var file = await client.GetAsync($"{Feed}/{uuid}.json", Ct);
            await report.StatusAsync(reader, record, "event file", readable && record.Type is "report" or "grouping", file);
            if (!readable)
            {
                await SameAsMissingAsync(report, reader, record, client, uuid, missing.ToString());
            }
        }
    }

    /// <summary>As <see cref="Mismatches.SameAsMissingAsync"/>, with the event's uuid (not the record's STIX id) masked.</summary>
    private static async Task SameAsMissingAsync(Mismatches report, Reader reader, LeakRecord record, HttpClient client, string uuid, string missing)
    {
        async Task<string> AnswerAsync(string id)
        {
            using var response = await client.GetAsync($"{Feed}/{id}.json", Ct);
            var body = System.Text.RegularExpressions.Regex.Replace((await response.Content.ReadAsStringAsync(Ct)).Replace(id, "{id}", StringComparison.Ordinal), "\"traceId\":\"[^\"]*\"", "");
            return $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {body}";
        }

        var (hidden, absent) = (await AnswerAsync(uuid), await AnswerAsync(missing));
        if (hidden != absent)
        {
            report.Add(reader, $"event file: {record} answers otherwise than a missing event:\n  hidden:  {hidden}\n  missing: {absent}");
        }
    }

    public async Task<string> FingerprintAsync(LeakWorld world, Reader reader)
    {
        var client = await world.ClientAsync(reader);
        using var manifest = await client.GetAsync($"{Feed}/manifest.json", Ct);
        using var hashes = await client.GetAsync($"{Feed}/hashes.csv", Ct);
        return $"{(int)manifest.StatusCode} {await manifest.Content.ReadAsStringAsync(Ct)} {(int)hashes.StatusCode} {await hashes.Content.ReadAsStringAsync(Ct)}";
    }

    private static string Md5(string value) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(value)));
}
