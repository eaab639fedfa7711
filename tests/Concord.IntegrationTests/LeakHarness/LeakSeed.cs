using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using TestAlliance = Concord.IntegrationTests.Access.TestAlliance;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.LeakHarness.Paths;
using Concord.IntegrationTests.Intel.Correlation;
using Concord.IntegrationTests.Sightings;
using Concord.Intel;
using Concord.Stix;
using Concord.Stix.Markings;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.LeakHarness;

/// <summary>
/// Seeds a <see cref="LeakWorld"/> through the node's own doors (REST import and sightings, as members would), once per
/// store: for every TLP × scope the TLP allows, an indicator in two versions carrying a correlatable value and a unique
/// word, a relationship and a note tying it to a public hub, a false-positive sighting of an indicator every member
/// reads, and a witness's alliance copy of the value; every refused TLP × scope (400, nothing stored); granular
/// markings; a deleted record; an import job. Then each fingerprinted path's view, then decoys only the owner may
/// read that would come first everywhere, then the views again.
/// </summary>
internal static class LeakSeed
{
    private static CancellationToken Ct => CancellationToken.None;

    public static async Task<LeakWorld> SeedAsync(Store store)
    {
        var node = await TestNode.StartAsync(store, SightingHttp.Settings(("Concord:Access:AllowAnonymousPublicReads", "true"), ("Concord:Outbound:AllowedHosts", "127.0.0.1")));
        var alliance = await TestAlliance.CreateAsync(node, LeakWorld.Owner, LeakWorld.Recipient, LeakWorld.Grouped, LeakWorld.Other, LeakWorld.Witness);
        var world = new LeakWorld(node, alliance);
        await alliance.AddFederatedOrganisationAsync(LeakWorld.Remote, LeakWorld.RemoteNode, "remote-node");
        world.SharingGroup = await alliance.CreateSharingGroupAsync(LeakWorld.Owner, "Tiger team", LeakWorld.Grouped, LeakWorld.Remote);
        var owner = await alliance.ClientAsync(LeakWorld.Owner, Role.Analyst);

        // Every reader's account exists before anything happens: notifications go to the members there are when they are sent.
        foreach (var reader in world.Members)
        {
            await world.ClientAsync(reader);
        }

        // Owner opts in to hit alerts before anything is reported: the witness's copies of the values alert it (AlertPaths).
        using (var optIn = await (await alliance.ClientAsync(LeakWorld.Owner, Role.OrgAdmin)).PutAsJsonAsync("/api/v1/alerts/settings", new { enabled = true }, Ct))
        {
            optIn.EnsureSuccessStatusCode();
        }

        // Three teams claim every cell's value before anything names it: constituency routing tells them (RoutingPaths).
        await RoutingPaths.ClaimAsync(world, from tlp in Enum.GetValues<Tlp>() from scope in Enum.GetValues<Scope>() select Value(tlp, scope));

        var hub = Bundles.Indicator(tlp: Tlp.Clear, name: "leak hub");
        await ImportAsync(world, LeakWorld.Witness, "tlp=clear&scope=public", hub);
        world.Records.Add(Record("hub", hub, LeakWorld.Witness, Tlp.Clear, Scope.Public, world));

        var targets = new List<JsonObject>();
        var witnesses = new List<JsonObject>();
        var cells = new List<(Tlp Tlp, Scope Scope, JsonObject Target)>();
        foreach (var tlp in Enum.GetValues<Tlp>())
        {
            foreach (var scope in Enum.GetValues<Scope>())
            {
                var cell = $"{tlp}/{scope}";
                var value = Value(tlp, scope);
                var word = $"w{Guid.NewGuid():N}";
                var indicator = CorrelationHttp.IndicatorFor("domain-name:value", value, $"leak relay {word}");
                var second = (JsonObject)indicator.DeepClone();
                second["modified"] = "2026-01-02T00:00:00.000Z";
                var relationship = Marked("relationship", tlp, ("relationship_type", "related-to"), ("source_ref", hub.Id()), ("target_ref", indicator.Id()));
                var note = Marked("note", tlp, ("content", $"note {cell}"), ("object_refs", new JsonArray(hub.Id())));
                var query = Distribution(world, tlp, scope);
                using var response = await owner.ImportAsync(Bundles.Bundle(indicator, second, relationship, note), query);
                if (scope > Concord.Access.Distribution.MaxScope(tlp))
                {
                    await ExpectRefusedAsync(world, owner, cell, response, indicator.Id());
                    world.Records.Add(Record($"refused indicator {cell}", indicator, LeakWorld.Owner, tlp, scope, world) with { Deleted = true });
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    world.SeedProblems.Add($"import {cell}: expected 200, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                    continue;
                }

                world.Records.Add(Record($"indicator {cell}", indicator, LeakWorld.Owner, tlp, scope, world) with
                {
                    Versions = ["2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z"], Value = value, Word = word,
                });
                world.Records.Add(Record($"relationship {cell}", relationship, LeakWorld.Owner, tlp, scope, world));
                world.Records.Add(Record($"note {cell}", note, LeakWorld.Owner, tlp, scope, world));
                var target = SightingHttp.Indicator(confidence: 100);
                targets.Add(target);
                cells.Add((tlp, scope, target));
                var witness = CorrelationHttp.IndicatorFor("domain-name:value", value, $"witness {cell}");
                witnesses.Add(witness);
                world.Records.Add(Record($"witness of {cell}", witness, LeakWorld.Witness, Tlp.Green, Scope.Alliance, world) with { Value = value });
            }
        }

        // One GREEN indicator per cell every member reads (Other publishes it), and the witness's copies of the values.
        await ImportAsync(world, LeakWorld.Other, "tlp=green&scope=alliance", [.. targets]);
        await ImportAsync(world, LeakWorld.Witness, "tlp=green&scope=alliance", [.. witnesses]);
        await node.Services.GetRequiredService<Concord.Intel.Features.Alerts.AlertFollower>().CatchUpAsync(Ct);
        await node.Services.GetRequiredService<Concord.Notifications.Features.FanOut.FanOutFollower>().CatchUpAsync(Ct);
        foreach (var (tlp, scope, target) in cells)
        {
            world.Records.Add(Record($"sighted indicator {tlp}/{scope}", target, LeakWorld.Other, Tlp.Green, Scope.Alliance, world));
            var id = await SightAsync(world, owner, target.Id(), tlp, scope);
            world.Records.Add(new LeakRecord($"sighting {tlp}/{scope}", id, "sighting", LeakWorld.Owner, tlp, scope, Audience(world, scope)) { SightingOf = target.Id() });
        }

        await SeedGranularAsync(world, owner);
        await SeedDeletedAndJobAsync(world, owner);

        // Routed before the views are captured: notifications arriving in between would move the inbox's counts.
        await RoutingPaths.CatchUpAsync(world);
        await LeakDecoys.CaptureAsync(world, before: true);
        await LeakDecoys.SeedAsync(world, owner);
        await LeakDecoys.CaptureAsync(world, before: false);
        return world;
    }

    private static string Value(Tlp tlp, Scope scope) => $"leak-{(int)tlp}-{(int)scope}.example";

    /// <summary>A CLEAR object whose description carries a stricter TLP is an object of that TLP: public asked is refused unless the part is CLEAR; defaulted, it gets that TLP's narrow default.</summary>
    private static async Task SeedGranularAsync(LeakWorld world, HttpClient owner)
    {
        foreach (var part in Enum.GetValues<Tlp>())
        {
            var asked = GranularMarkingTests.ClearWithMarkedDescription(part, $"leak granular public {part}");
            using var publicAsked = await owner.ImportAsync(Bundles.Bundle(asked), "tlp=clear&scope=public");
            var refusal = part == Tlp.Clear ? null : (await publicAsked.JsonAsync()).GetProperty("errors")[0].GetProperty("issues")[0].GetProperty("rule").GetString();
            if (part == Tlp.Clear ? publicAsked.StatusCode != HttpStatusCode.OK : refusal != "scope-wider-than-tlp")
            {
                world.SeedProblems.Add($"granular {part} asked public: got {(int)publicAsked.StatusCode} {refusal}");
            }

            world.Records.Add(Record($"granular {part} asked public", asked, LeakWorld.Owner, part, Scope.Public, world) with { Deleted = part != Tlp.Clear });
            var defaulted = GranularMarkingTests.ClearWithMarkedDescription(part, $"leak granular {part}");
            using var response = await owner.ImportAsync(Bundles.Bundle(defaulted), "tlp=clear");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                world.SeedProblems.Add($"granular {part} defaulted: got {(int)response.StatusCode}");
            }

            world.Records.Add(Record($"granular {part}", defaulted, LeakWorld.Owner, part, part <= Tlp.Green ? Scope.Alliance : Scope.Owner, world));
        }
    }

    /// <summary>Records their owner deleted (nobody reads them: a GREEN alliance one, and one per TLP × scope), and an import job of the owner's.</summary>
    private static async Task SeedDeletedAndJobAsync(LeakWorld world, HttpClient owner)
    {
        var doomed = Bundles.Indicator(name: "leak deleted");
        await ImportAsync(world, LeakWorld.Owner, "tlp=green&scope=alliance", doomed);
        var principal = await world.PrincipalAsync(new Reader("owner analyst", PrincipalKind.Member, LeakWorld.Owner, Role.Analyst));
        var deleted = await world.WithAsync<IIntelStore, bool>(async s => (await s.DeleteAsync(principal, doomed.Id(), Ct)).IsSuccess);
        world.Records.Add(Record("deleted indicator", doomed, LeakWorld.Owner, Tlp.Green, Scope.Alliance, world) with { Deleted = true, Tombstoned = true });
        if (!deleted)
        {
            world.SeedProblems.Add("the owner could not delete its record");
        }

        // One record of two versions per allowed TLP × scope cell, deleted a version at a time: each version leaves a
        // tombstone carrying the cell's distribution, which the withdrawals name only to the cell's readers.
        foreach (var tlp in Enum.GetValues<Tlp>())
        {
            foreach (var scope in Enum.GetValues<Scope>().Where(s => s <= Concord.Access.Distribution.MaxScope(tlp)))
            {
                // A value no constituency holds: a routed hit would crowd the inbox the routing path reads.
                var gone = Bundles.Indicator(name: $"leak withdrawn {tlp}/{scope}");
                gone["pattern"] = $"[domain-name:value = 'withdrawn-{(int)tlp}-{(int)scope}.invalid']";
                var second = (JsonObject)gone.DeepClone();
                second["modified"] = "2026-01-02T00:00:00.000Z";
                await ImportAsync(world, LeakWorld.Owner, Distribution(world, tlp, scope), gone, second);
                var removed = await world.WithAsync<IIntelStore, bool>(async s =>
                    (await s.DeleteVersionsAsync(principal, gone.Id(), ["2026-01-01T00:00:00.000Z"], Ct)).IsSuccess
                    && (await s.DeleteAsync(principal, gone.Id(), Ct)).IsSuccess);
                world.Records.Add(Record($"withdrawn {tlp}/{scope}", gone, LeakWorld.Owner, tlp, scope, world) with { Deleted = true, Tombstoned = true });
                if (!removed)
                {
                    world.SeedProblems.Add($"the owner could not delete withdrawn {tlp}/{scope}");
                }
            }
        }

        var queuedIndicator = Bundles.Indicator(name: "leak job");
        using var queued = await owner.ImportAsync(Bundles.Bundle(queuedIndicator), "async=true&tlp=red&scope=owner");
        world.Records.Add(Record("job's indicator", queuedIndicator, LeakWorld.Owner, Tlp.Red, Scope.Owner, world));
        world.OwnersJob = Guid.Parse((await queued.JsonAsync()).GetProperty("id").GetString()!);
        for (var tries = 0; tries < 100; tries++)
        {
            using var job = await owner.GetAsync($"/api/v1/jobs/{world.OwnersJob}", Ct);
            if ((await job.JsonAsync()).GetProperty("state").GetString() is "succeeded" or "failed")
            {
                return;
            }

            await Task.Delay(100, Ct);
        }
    }

    private static async Task ExpectRefusedAsync(LeakWorld world, HttpClient owner, string cell, HttpResponseMessage response, string id)
    {
        var body = await response.JsonAsync();
        if (response.StatusCode != HttpStatusCode.BadRequest || body.GetProperty("rule").GetString() != "scope-wider-than-tlp" || body.GetProperty("field").GetString() != "scope")
        {
            world.SeedProblems.Add($"import {cell}: expected 400 scope-wider-than-tlp, got {(int)response.StatusCode}");
        }

        using var check = await owner.GetAsync($"/api/v1/objects/{id}", Ct);
        if (check.StatusCode != HttpStatusCode.NotFound)
        {
            world.SeedProblems.Add($"refused {cell} was stored anyway");
        }
    }

    public static string Distribution(LeakWorld world, Tlp tlp, Scope scope) =>
        $"tlp={Uri.EscapeDataString(Concord.Access.Distribution.Label(tlp))}&scope={Concord.Access.Distribution.Name(scope)}"
        + (scope == Scope.Recipients ? $"&recipients={world.Alliance.OrgId(LeakWorld.Recipient)},{world.Alliance.OrgId(LeakWorld.Remote)}" : string.Empty)
        + (scope == Scope.SharingGroup ? $"&sharing_group={world.SharingGroup}" : string.Empty);

    public static async Task ImportAsync(LeakWorld world, string organisation, string query, params JsonNode[] objects)
    {
        var client = await world.Alliance.ClientAsync(organisation, Role.Analyst);
        using var response = await client.ImportAsync(Bundles.Bundle(objects), query);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Seeding {organisation} ({query}) failed: {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }

    private static async Task<string> SightAsync(LeakWorld world, HttpClient reporter, string indicator, Tlp tlp, Scope scope)
    {
        var body = new Dictionary<string, object?>
        {
            ["sighting_of"] = indicator, ["kind"] = "false-positive", ["count"] = 5,
            ["tlp"] = Concord.Access.Distribution.Label(tlp).ToLowerInvariant(), ["scope"] = Concord.Access.Distribution.Name(scope),
        };
        if (scope == Scope.Recipients)
        {
            body["recipients"] = new[] { world.Alliance.OrgId(LeakWorld.Recipient), world.Alliance.OrgId(LeakWorld.Remote) };
        }

        if (scope == Scope.SharingGroup)
        {
            body["sharing_group"] = world.SharingGroup;
        }

        return await reporter.SightOkAsync(body);
    }

    public static LeakRecord Record(string label, JsonObject o, string owner, Tlp tlp, Scope scope, LeakWorld world) =>
        new(label, o.Id(), (string)o["type"]!, owner, tlp, scope, Audience(world, scope));

    private static HashSet<string> Audience(LeakWorld world, Scope scope) => scope switch
    {
        Scope.Recipients => [LeakWorld.Recipient, LeakWorld.Remote],
        Scope.SharingGroup => [LeakWorld.Grouped, LeakWorld.Remote],
        _ => [],
    };

    public static JsonObject Marked(string type, Tlp tlp, params (string Name, JsonNode Value)[] properties)
    {
        var o = new JsonObject
        {
            ["type"] = type, ["spec_version"] = "2.1", ["id"] = Bundles.NewId(type),
            ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z",
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(tlp)),
        };
        foreach (var (name, value) in properties)
        {
            o[name] = value;
        }

        return o;
    }
}
