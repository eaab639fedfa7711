using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.Notifications.Features.FanOut;
using Concord.Teams.Features.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// Constituency routing, as its notifications reach the inbox. Recipient, Grouped and Other claim every cell's value
/// and the address the sighted indicators name (<see cref="ClaimAsync"/>); Owner claims nothing. So each of them must be
/// told of exactly the records naming those values that it may read and does not own — Owner's indicators of every
/// TLP × scope, the witness's copies, the sighted indicators and Owner's sightings of them — and of nothing it may
/// not read, whatever else names the values (the decoys included).
/// </summary>
internal sealed class RoutingPaths : IReadPath
{
    public const string Address = "198.51.100.7";

    private static readonly string[] Claimants = [LeakWorld.Recipient, LeakWorld.Grouped, LeakWorld.Other];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "constituency routing";

    /// <summary>The inbox's routes are AlertPaths'; this path checks another kind of what the inbox holds.</summary>
    public IReadOnlyList<string> Routes { get; } = [];

    /// <summary>The claimants' constituencies, saved before anything is imported.</summary>
    public static async Task ClaimAsync(LeakWorld world, IEnumerable<string> values)
    {
        var domains = values.ToArray();
        foreach (var organisation in Claimants)
        {
            using var saved = await (await world.Alliance.ClientAsync(organisation, Role.OrgAdmin)).PutAsJsonAsync(
                $"/api/v1/directory/teams/{world.Alliance.OrgId(organisation)}", new { name = organisation, country = "EE", networks = new[] { Address }, domains }, CancellationToken.None);
            saved.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Routes what is stored and fans it out, as the background services would.</summary>
    public static async Task CatchUpAsync(LeakWorld world)
    {
        await world.Node.Services.GetRequiredService<RoutingFollower>().CatchUpAsync(CancellationToken.None);
        await world.Node.Services.GetRequiredService<FanOutFollower>().CatchUpAsync(CancellationToken.None);
    }

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        if (reader.Kind != PrincipalKind.Member)
        {
            return;
        }

        await CatchUpAsync(world);
        var told = (await world.InboxAsync(reader))
            .Where(i => i.GetProperty("kind").GetString() == "constituency-hit")
            .Select(i => Target(i.GetProperty("link").GetString()!))
            .ToHashSet();

        // Nothing it may not read, nothing of its own; and what names its values, each readable record, is there.
        foreach (var (id, owner) in told)
        {
            var records = world.Records.Where(r => r.Id == id && (owner is null || world.Alliance.OrgId(r.Owner) == owner)).ToList();
            if (records.Count == 0 || !records.Any(r => world.MayRead(reader, r)))
            {
                report.Add(reader, $"told of {id}, which it may not read");
            }
            else if (records.All(r => r.Owner == reader.Organisation))
            {
                report.Add(reader, $"told of its own record {id}");
            }
        }

        var named = world.Records.Where(r => r.Value is not null || r.SightingOf is not null || r.Label.StartsWith("sighted indicator", StringComparison.Ordinal));
        foreach (var record in named.Where(r => !r.Deleted && r.Owner != reader.Organisation))
        {
            var expected = Claimants.Contains(reader.Organisation) && world.MayRead(reader, record);
            report.Sees(reader, record, "inbox", expected, told.Any(t => t.Id == record.Id));
        }
    }

    /// <summary>The record a notification links to: <c>/intel/objects/{id}?owner={owner}</c> (no owner for an anonymous sighting).</summary>
    private static (string Id, Guid? Owner) Target(string link)
    {
        var parts = link.Split('?');
        var owner = parts.Length > 1 && parts[1].StartsWith("owner=", StringComparison.Ordinal) ? Guid.Parse(parts[1]["owner=".Length..]) : (Guid?)null;
        return (Uri.UnescapeDataString(parts[0].Split('/')[^1]), owner);
    }

}
