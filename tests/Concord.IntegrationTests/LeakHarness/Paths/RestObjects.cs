using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Intel;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>REST objects: list (one page and pages of three), by owner, by text, get, get a version, versions; import jobs; cursors.</summary>
internal sealed class RestObjects : IReadPath, IFingerprinted
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "REST objects";

    public IReadOnlyList<string> Routes { get; } =
        ["GET /api/v1/objects/", "GET /api/v1/objects/{id}", "GET /api/v1/objects/{id}/versions", "GET /api/v1/jobs/", "GET /api/v1/jobs/{id:guid}"];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        var client = await world.ClientAsync(reader);
        // Anonymous readers read public records here too (the node allows anonymous public reads): hidden is 404 for everyone.
        const HttpStatusCode closed = HttpStatusCode.NotFound;
        var listed = await client.ListIdsAsync(string.Empty);
        if (!listed.SetEquals(await client.ListIdsAsync(string.Empty, limit: 3)))
        {
            report.Add(reader, "paging three at a time lists other objects than one page");
        }

        var owned = await client.ListIdsAsync($"owner={world.Alliance.OrgId(LeakWorld.Owner)}");
        var missing = Bundles.NewId();
        foreach (var record in world.Records)
        {
            var expected = world.MayRead(reader, record);
            report.Sees(reader, record, "list", expected, listed.Contains(record.Id));
            if (record.Owner == LeakWorld.Owner)
            {
                report.Sees(reader, record, "list?owner", expected, owned.Contains(record.Id));
            }

            if (record.Word is { } word && record.Type == "indicator" && record.Word != LeakDecoys.Word)
            {
                report.Sees(reader, record, "list?q", expected, (await client.ListIdsAsync($"q={word}")).Contains(record.Id));
            }

            using (var get = await client.GetAsync($"/api/v1/objects/{record.Id}", Ct))
            {
                await report.StatusAsync(reader, record, "get", expected, get, closed);
            }

            // A version only the cells' indicators have (2026-01-01); asked of any hidden record it does not exist either.
            if (record.Versions.Count > 0 || !expected)
            {
                using var version = await client.GetAsync($"/api/v1/objects/{record.Id}?version={record.Versions.FirstOrDefault() ?? "2026-01-01T00:00:00.000Z"}", Ct);
                await report.StatusAsync(reader, record, "get version", expected, version, closed);
            }

            using (var versions = await client.GetAsync($"/api/v1/objects/{record.Id}/versions", Ct))
            {
                await report.StatusAsync(reader, record, "versions", expected, versions, closed);
            }

            if (!expected)
            {
                await report.SameAsMissingAsync(reader, record, "get", client, $"/api/v1/objects/{record.Id}", $"/api/v1/objects/{missing}", missing);
                await report.SameAsMissingAsync(reader, record, "versions", client, $"/api/v1/objects/{record.Id}/versions", $"/api/v1/objects/{missing}/versions", missing);
            }
        }

        await JobsAsync(world, reader, client, report);
        await CursorAsync(world, reader, client, report);
    }

    public async Task<string> FingerprintAsync(LeakWorld world, Reader reader)
    {
        var client = await world.ClientAsync(reader);
        using var page = await client.GetAsync("/api/v1/objects?limit=1000", Ct);
        using var text = await client.GetAsync($"/api/v1/objects?limit=1000&q={LeakDecoys.Word}", Ct);
        return $"{(int)page.StatusCode} {Ids(await page.Content.ReadAsStringAsync(Ct))}\n{(int)text.StatusCode} {Ids(await text.Content.ReadAsStringAsync(Ct))}";
    }

    /// <summary>The ids in a list body in their order (cursors aside: they encode positions in the whole table by design).</summary>
    private static string Ids(string body) => string.Join(',', System.Text.RegularExpressions.Regex.Matches(body, "\"id\":\"([^\"]+)\"").Select(m => m.Groups[1].Value));

    /// <summary>Another organisation's job does not exist for the reader; jobs are closed to peer nodes (403 whatever the id).</summary>
    private static async Task JobsAsync(LeakWorld world, Reader reader, HttpClient client, Mismatches report)
    {
        var mine = reader.Organisation == LeakWorld.Owner;
        using var job = await client.GetAsync($"/api/v1/jobs/{world.OwnersJob}", Ct);
        var want = mine ? HttpStatusCode.OK : reader.Kind switch
        {
            PrincipalKind.Anonymous => HttpStatusCode.Unauthorized,
            PrincipalKind.PeerNode => HttpStatusCode.Forbidden,
            _ => HttpStatusCode.NotFound,
        };
        if (job.StatusCode != want || (!mine && job.Content.Headers.ContentType?.MediaType != "application/problem+json"))
        {
            report.Add(reader, $"job status: expected {(int)want} (problem details when refused), got {(int)job.StatusCode}");
        }

        using var jobs = await client.GetAsync("/api/v1/jobs", Ct);
        var listsIt = jobs.IsSuccessStatusCode && (await jobs.JsonAsync()).GetProperty("jobs").EnumerateArray().Any(j => j.GetProperty("id").GetString() == world.OwnersJob.ToString());
        if (listsIt != mine)
        {
            report.Add(reader, $"job list: expected the owner's job {(mine ? "listed" : "absent")}");
        }
    }

    /// <summary>An opaque cursor opens for its own organisation's readers only: any other reader gets 400 (anonymous: 401).</summary>
    private static async Task CursorAsync(LeakWorld world, Reader reader, HttpClient client, Mismatches report)
    {
        if (reader.Organisation == LeakWorld.Owner)
        {
            return;
        }

        var owner = await world.Alliance.ClientAsync(LeakWorld.Owner, Role.ReadOnly);
        using var first = await owner.GetAsync("/api/v1/objects?limit=1", Ct);
        var cursor = (await first.JsonAsync()).GetProperty("next").GetString();
        using var foreign = await client.GetAsync($"/api/v1/objects?limit=1&cursor={cursor}", Ct);
        // Anonymous: 400 like anyone, or 401 where anonymous reads are closed; either way it learns nothing.
        const HttpStatusCode want = HttpStatusCode.BadRequest;
        if (foreign.StatusCode != want && !(reader.Kind == PrincipalKind.Anonymous && foreign.StatusCode == HttpStatusCode.Unauthorized))
        {
            report.Add(reader, $"the owner's cursor: expected {(int)want}, got {(int)foreign.StatusCode}");
        }
    }
}
