using System.Net;
using System.Text.Json.Nodes;
using Concord.Access;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// TAXII 2.1: objects (all versions, paged by three), manifest, object, versions, match[id], in each collection; the
/// collections' resources; next tokens open for their own reader only; delete answers 403 only for what the reader reads.
/// </summary>
internal sealed class TaxiiObjects : IReadPath, IFingerprinted
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "TAXII";

    public IReadOnlyList<string> Routes { get; } =
    [
        "GET /taxii2/{root}/collections/", "GET /taxii2/{root}/collections/{collection}/", "GET /taxii2/{root}/collections/{collection}/manifest/",
        "GET /taxii2/{root}/collections/{collection}/objects/", "GET /taxii2/{root}/collections/{collection}/objects/{objectId}/",
        "GET /taxii2/{root}/collections/{collection}/objects/{objectId}/versions/",
    ];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var client = await world.TaxiiClientAsync(reader);
        foreach (var collection in new[] { All, Alliance, Public })
        {
            // Anonymous readers get the public collection only; a peer node every collection not limited to this node's alliance.
            var open = reader.Kind switch { PrincipalKind.Anonymous => collection == Public, PrincipalKind.PeerNode => collection != Alliance, _ => true };
            if (!open)
            {
                foreach (var path in new[] { "", "objects/", "manifest/", $"objects/{world.Records[0].Id}/", $"objects/{world.Records[0].Id}/versions/" })
                {
                    using var closed = await client.GetAsync(collection + path, Ct);
                    if (closed.StatusCode != HttpStatusCode.NotFound)
                    {
                        report.Add(reader, $"{collection}{path}: a collection it may not read answers {(int)closed.StatusCode}, not 404");
                    }
                }

                continue;
            }

            var envelope = await Json(client, collection + "objects/?match[version]=all");
            var listed = Ids(envelope);
            if (reader.Kind == PrincipalKind.PeerNode)
            {
                PeerProvenance(world, reader, collection, envelope, report);
            }

            var walked = await WalkAsync(client, collection + "objects/?match[version]=all&limit=3");
            if (!listed.SequenceEqual(walked))
            {
                report.Add(reader, $"{collection}: paging by three lists other objects than one page");
            }

            var manifest = Ids(await Json(client, collection + "manifest/"));
            foreach (var record in world.Records)
            {
                var expected = world.MayRead(reader, record) && InView(collection, record);
                var where = $"{collection[Root.Length..]}";
                report.Sees(reader, record, where + "objects", expected, listed.Contains(record.Id));
                report.Sees(reader, record, where + "manifest", expected, manifest.Contains(record.Id));
                using var byId = await client.GetAsync(collection + $"objects/{record.Id}/", Ct);
                await report.StatusAsync(reader, record, where + "object", expected, byId);
                using var versions = await client.GetAsync(collection + $"objects/{record.Id}/versions/", Ct);
                await report.StatusAsync(reader, record, where + "versions", expected, versions);
                if (record.Type == "indicator")
                {
                    report.Sees(reader, record, where + "match[id]", expected, Ids(await Json(client, collection + $"objects/?match[id]={record.Id}")).Contains(record.Id));
                }
            }
        }

        await TokensAndDeletesAsync(world, reader, client, report);
        if (reader.Kind == PrincipalKind.PeerNode)
        {
            await PeerWritesAsync(world, reader, client, report);
        }
    }

    public async Task<string> FingerprintAsync(LeakWorld world, Reader reader)
    {
        var client = await world.TaxiiClientAsync(reader);
        using var collections = await client.GetAsync(Root + "collections/", Ct);
        using var all = await client.GetAsync(All + "objects/?match[version]=all", Ct);
        using var manifest = await client.GetAsync(All + "manifest/", Ct);
        return $"{await collections.Content.ReadAsStringAsync(Ct)}\n{(int)all.StatusCode} {Strip(await all.Content.ReadAsStringAsync(Ct))}\n{Strip(await manifest.Content.ReadAsStringAsync(Ct))}";
    }

    /// <summary>A body without its next token (an opaque position, not a count).</summary>
    private static string Strip(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"next\":\"[^\"]*\"", string.Empty);

    private static async Task TokensAndDeletesAsync(LeakWorld world, Reader reader, HttpClient client, Mismatches report)
    {
        if (reader.Organisation == LeakWorld.Owner)
        {
            return;
        }

        // A next token opens for its own reader only: any other reader, the peer node and anonymous get 400.
        var owner = await world.TaxiiClientAsync(world.Readers[0]);
        var collection = reader.Kind == PrincipalKind.Anonymous ? Public : All;
        var next = (await Json(owner, collection + "objects/?match[version]=all&limit=1"))["next"]!.GetValue<string>();
        using (var foreign = await client.GetAsync(collection + "objects/?match[version]=all&limit=1&next=" + Uri.EscapeDataString(next), Ct))
        {
            if (foreign.StatusCode != HttpStatusCode.BadRequest)
            {
                report.Add(reader, $"the owner's next token: expected 400, got {(int)foreign.StatusCode}");
            }
        }

        // Delete tells nothing reading does not: an analyst of another organisation gets 403 for what it reads, 404 for
        // what it does not; a peer node 403 on a collection it reads, whatever the object. Nothing is deleted.
        var deleter = reader.Kind == PrincipalKind.Member ? await world.TaxiiClientAsync(reader with { Name = reader.Name + " analyst", Role = Role.Analyst }) : client;
        foreach (var record in world.Of("indicator").Where(r => r.Owner == LeakWorld.Owner))
        {
            using var response = await deleter.DeleteAsync(All + $"objects/{record.Id}/", Ct);
            var want = reader.Kind switch
            {
                PrincipalKind.PeerNode => HttpStatusCode.Forbidden,
                PrincipalKind.Anonymous => HttpStatusCode.NotFound,
                _ => world.MayRead(reader, record) ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound,
            };
            if (response.StatusCode != want && !(reader.Kind == PrincipalKind.Anonymous && response.StatusCode == HttpStatusCode.Unauthorized))
            {
                report.Add(reader, $"delete {record}: expected {(int)want}, got {(int)response.StatusCode}");
            }
        }
    }

    /// <summary>A peer node reads; it never writes (403), and the alliance collection does not exist for it (404).</summary>
    private static async Task PeerWritesAsync(LeakWorld world, Reader reader, HttpClient client, Mismatches report)
    {
        using var post = await client.PostAsync(All + "objects/", Concord.IntegrationTests.Taxii.TaxiiHarness.Envelope(Intel.Bundles.Indicator(tlp: Concord.Stix.Tlp.Green)), Ct);
        using var delete = await client.DeleteAsync(Alliance + $"objects/{world.Records[0].Id}/", Ct);
        if (post.StatusCode != HttpStatusCode.Forbidden || delete.StatusCode != HttpStatusCode.NotFound)
        {
            report.Add(reader, $"peer writes: POST expected 403, got {(int)post.StatusCode}; DELETE in the alliance collection expected 404, got {(int)delete.StatusCode}");
        }
    }

    private static bool InView(string collection, LeakRecord record) => collection switch
    {
        Alliance => record.Scope == Scope.Alliance,
        Public => record.Scope == Scope.Public,
        _ => true,
    };

    /// <summary>
    /// A peer's envelope names each object's owner (federation's provenance): one entry per object, each the owner of a
    /// copy the peer may read, and no organisation described that owns nothing on the page.
    /// </summary>
    private static void PeerProvenance(LeakWorld world, Reader reader, string collection, JsonNode envelope, Mismatches report)
    {
        var objects = envelope["objects"]?.AsArray() ?? [];
        var records = envelope["x_concord_records"]?.AsArray() ?? [];
        var described = envelope["x_concord_organisations"]?.AsObject().Select(o => o.Key).ToHashSet() ?? [];
        if (records.Count != objects.Count)
        {
            report.Add(reader, $"{collection}: {records.Count} provenance entries for {objects.Count} objects");
            return;
        }

        var readable = world.Records.Where(r => world.MayRead(reader, r)).Select(r => (r.Id, world.Alliance.OrgId(r.Owner))).ToHashSet();
        var owners = new HashSet<string>();
        for (var i = 0; i < objects.Count; i++)
        {
            var key = records[i]!["owner"]?.GetValue<string>() ?? "";
            owners.Add(key);
            var id = objects[i]!["id"]!.GetValue<string>();
            if (!Guid.TryParse(key.Split('/').Last(), out var owner) || !readable.Contains((id, owner)))
            {
                report.Add(reader, $"{collection}: the envelope names '{key}' as the owner of {id}, not an owner of a copy it may read");
            }
        }

        if (described.Except(owners).Any())
        {
            report.Add(reader, $"{collection}: the envelope describes organisations that own nothing on the page: {string.Join(", ", described.Except(owners))}");
        }
    }

    private static async Task<JsonNode> Json(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    private static List<string> Ids(JsonNode envelope) =>
        [.. (envelope["objects"]?.AsArray() ?? []).Select(o => o!["id"]!.GetValue<string>())];

    private static async Task<List<string>> WalkAsync(HttpClient client, string url)
    {
        var ids = new List<string>();
        var next = url;
        while (true)
        {
            var envelope = await Json(client, next);
            ids.AddRange(Ids(envelope));
            if (envelope["more"]?.GetValue<bool>() != true)
            {
                return ids;
            }

            next = url + "&next=" + Uri.EscapeDataString(envelope["next"]!.GetValue<string>());
        }
    }
}
