using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Stix;

namespace Concord.IntegrationTests.Intel;

/// <summary>
/// THE leak matrix: owner × reader × TLP (all five) × scope (every valid combination, and every refused one) × every
/// read endpoint. Expected visibility is written out from DESIGN.md "Who may see what", not computed by the
/// component under test; a hidden object must answer 404 — never 403 — on every path.
/// </summary>
public class LeakMatrixTests
{
    private const string Owner = "Owner";
    private const string Recipient = "Recipient";
    private const string Grouped = "Grouped";
    private const string Other = "Other";
    private const string Peer = "peer node";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryReadEndpoint_ForEveryReaderTlpAndScope_ShowsExactlyWhatDistributionAllows(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, Owner, Recipient, Grouped, Other);
        var group = await alliance.CreateSharingGroupAsync(Owner, "Tiger team", Grouped);
        var importer = await alliance.ClientAsync(Owner, Role.Analyst);
        var readers = new Dictionary<string, HttpClient>
        {
            [Owner] = await alliance.ClientAsync(Owner, Role.ReadOnly),
            [Recipient] = await alliance.ClientAsync(Recipient, Role.ReadOnly),
            [Grouped] = await alliance.ClientAsync(Grouped, Role.ReadOnly),
            [Other] = await alliance.ClientAsync(Other, Role.NodeAdmin),
            ["anonymous"] = alliance.Anonymous(),
            [Peer] = await alliance.PeerClientAsync(),
        };

        var failures = new List<string>();
        var stored = new List<(string Id, string Name, Tlp Tlp, Scope Scope)>();
        foreach (var tlp in Enum.GetValues<Tlp>())
        {
            foreach (var scope in Enum.GetValues<Scope>())
            {
                var name = $"leak-{tlp}-{scope}-{Guid.NewGuid():N}";
                var indicator = Bundles.Indicator(name: name);
                var query = $"tlp={Uri.EscapeDataString(Distribution.Label(tlp))}&scope={Distribution.Name(scope)}"
                    + (scope == Scope.Recipients ? $"&recipients={alliance.OrgId(Recipient)}" : string.Empty)
                    + (scope == Scope.SharingGroup ? $"&sharing_group={group}" : string.Empty);
                using var response = await importer.ImportAsync(Bundles.Bundle(indicator), query);
                var allowed = scope <= Distribution.MaxScope(tlp);
                if (allowed && response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"import {tlp}/{scope}: expected 200, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                }
                else if (!allowed)
                {
                    var body = await response.JsonAsync();
                    if (response.StatusCode != HttpStatusCode.BadRequest || body.GetProperty("rule").GetString() != "scope-wider-than-tlp" || body.GetProperty("field").GetString() != "scope")
                    {
                        failures.Add($"import {tlp}/{scope}: expected 400 scope-wider-than-tlp, got {(int)response.StatusCode}");
                    }

                    using var check = await readers[Owner].GetAsync($"/api/v1/objects/{indicator["id"]}", Ct);
                    if (check.StatusCode != HttpStatusCode.NotFound)
                    {
                        failures.Add($"refused {tlp}/{scope} was stored anyway");
                    }

                    continue;
                }

                stored.Add((indicator["id"]!.GetValue<string>(), name, tlp, scope));
            }
        }

        // Granular markings: a CLEAR object whose description carries a stricter TLP is an object of that TLP. Asked to
        // be public it is refused unless the part is CLEAR too; with its scope defaulted it gets that TLP's narrow default.
        foreach (var part in Enum.GetValues<Tlp>())
        {
            var asked = GranularMarkingTests.ClearWithMarkedDescription(part, $"leak-granular-public-{part}-{Guid.NewGuid():N}");
            using var publicAsked = await importer.ImportAsync(Bundles.Bundle(asked), "tlp=clear&scope=public");
            var refusal = part == Tlp.Clear ? null : (await publicAsked.JsonAsync()).GetProperty("errors")[0].GetProperty("issues")[0].GetProperty("rule").GetString();
            if (part == Tlp.Clear ? publicAsked.StatusCode != HttpStatusCode.OK : refusal != "scope-wider-than-tlp")
            {
                failures.Add($"granular {part} asked public: got {(int)publicAsked.StatusCode} {refusal}");
            }

            if (part == Tlp.Clear)
            {
                stored.Add((asked["id"]!.GetValue<string>(), asked["name"]!.GetValue<string>(), Tlp.Clear, Scope.Public));
            }

            var defaulted = GranularMarkingTests.ClearWithMarkedDescription(part, $"leak-granular-{part}-{Guid.NewGuid():N}");
            using var defaultedResponse = await importer.ImportAsync(Bundles.Bundle(defaulted), "tlp=clear");
            if (defaultedResponse.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"granular {part} defaulted: got {(int)defaultedResponse.StatusCode}");
            }

            stored.Add((defaulted["id"]!.GetValue<string>(), defaulted["name"]!.GetValue<string>(), part, part <= Tlp.Green ? Scope.Alliance : Scope.Owner));
        }

        Assert.Equal(19 + 6, stored.Count);
        // An opaque cursor opens for its own organisation's readers only: any other reader gets 400 (anonymous: 401).
        using (var first = await readers[Owner].GetAsync("/api/v1/objects?limit=1", Ct))
        {
            var cursor = (await first.JsonAsync()).GetProperty("next").GetString();
            foreach (var (reader, client) in readers.Where(r => r.Key != Owner))
            {
                using var foreign = await client.GetAsync($"/api/v1/objects?limit=1&cursor={cursor}", Ct);
                var want = reader == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.BadRequest;
                if (foreign.StatusCode != want)
                {
                    failures.Add($"{reader} with the owner's cursor: expected {(int)want}, got {(int)foreign.StatusCode}");
                }
            }
        }

        foreach (var (reader, client) in readers)
        {
            var listed = await client.ListIdsAsync(string.Empty);
            if (reader != "anonymous" && !listed.SetEquals(await client.ListIdsAsync(string.Empty, limit: 3)))
            {
                failures.Add($"{reader}: paging with cursors three at a time lists other objects than one page");
            }

            var ownedFilter = await client.ListIdsAsync($"owner={alliance.OrgId(Owner)}");
            foreach (var (id, name, tlp, scope) in stored)
            {
                var expected = MayRead(reader, tlp, scope);
                var cell = $"{reader} reading {tlp}/{scope}";
                Check(failures, $"{cell} list", expected, listed.Contains(id));
                Check(failures, $"{cell} list?owner", expected, ownedFilter.Contains(id));
                Check(failures, $"{cell} search", expected, (await client.ListIdsAsync($"q={name}")).Contains(id));
                await CheckStatusAsync(failures, client, reader, $"{cell} get", $"/api/v1/objects/{id}", expected);
                await CheckStatusAsync(failures, client, reader, $"{cell} get version", $"/api/v1/objects/{id}?version=2026-01-01T00:00:00.000Z", expected);
                await CheckStatusAsync(failures, client, reader, $"{cell} versions", $"/api/v1/objects/{id}/versions", expected);
            }
        }

        // Job status: another organisation's job does not exist for the reader (jobs are closed to peer nodes).
        using var queued = await importer.ImportAsync(Bundles.Bundle(Bundles.Indicator()), "async=true&tlp=red&scope=owner");
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var job = (await queued.JsonAsync()).GetProperty("id").GetString();
        foreach (var (reader, client) in readers)
        {
            await CheckStatusAsync(failures, client, reader, $"{reader} job status", $"/api/v1/jobs/{job}", reader == Owner);
            using var jobs = await client.GetAsync("/api/v1/jobs", Ct);
            var listsIt = jobs.IsSuccessStatusCode && (await jobs.JsonAsync()).GetProperty("jobs").EnumerateArray().Any(j => j.GetProperty("id").GetString() == job);
            Check(failures, $"{reader} job list", reader == Owner, listsIt);
        }

        Assert.Empty(failures);
    }

    /// <summary>
    /// DESIGN.md, "Who may see what", for the owner, a named recipient, a sharing-group member, anyone else, and a
    /// connected peer node (what was shared beyond this node, GREEN or CLEAR: "a peer node is a principal like any other").
    /// </summary>
    private static bool MayRead(string reader, Tlp tlp, Scope scope) => reader switch
    {
        Owner => true,
        Recipient => scope == Scope.Recipients || scope >= Scope.Alliance,
        Grouped => scope == Scope.SharingGroup || scope >= Scope.Alliance,
        Other => scope >= Scope.Alliance,
        Peer => scope >= Scope.ConnectedNodes && tlp <= Tlp.Green,

        // The REST API serves members only; public records reach anonymous readers through public TAXII collections.
        _ => false,
    };

    private static void Check(List<string> failures, string cell, bool expected, bool actual)
    {
        if (expected != actual)
        {
            failures.Add($"{cell}: expected {(expected ? "visible" : "hidden")}, was {(actual ? "visible" : "hidden")}");
        }
    }

    private static async Task CheckStatusAsync(List<string> failures, HttpClient client, string reader, string cell, string url, bool expected)
    {
        using var response = await client.GetAsync(url, Ct);
        // A peer node may not use member-only endpoints at all (jobs): 403 whatever the id, so it tells nothing.
        var closed = reader == Peer && url.StartsWith("/api/v1/jobs", StringComparison.Ordinal);
        var want = expected ? HttpStatusCode.OK
            : reader == "anonymous" ? HttpStatusCode.Unauthorized
            : closed ? HttpStatusCode.Forbidden
            : HttpStatusCode.NotFound;
        if (response.StatusCode != want)
        {
            failures.Add($"{cell}: expected {(int)want}, got {(int)response.StatusCode}");
        }
        else if (!expected && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{cell}: {(int)want} without problem details");
        }
    }
}
