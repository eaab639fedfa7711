using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.Intel.Features.Stats;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;

namespace Concord.IntegrationTests.Intel.Stats;

/// <summary>
/// The dashboard reads count tables kept by triggers; whatever happened to the objects, each reader's figures must
/// equal a count from scratch over the current objects that reader may read.
/// </summary>
public class CountTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Overview_AfterImportsVersionsRevocationsAndDeletes_EqualsACountFromScratchForEveryReader(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var (a, b, c) = (h.Directory.AddOrganisation(), h.Directory.AddOrganisation(), h.Directory.AddOrganisation());
        var group = h.Directory.AddAudience(a, b);
        var alpha = IntelHarness.Member(a, Role.Analyst, group);
        var readers = new[] { alpha, IntelHarness.Member(b, Role.Analyst, group), IntelHarness.Member(c), Principal.Anonymous };
        var versioned = Bundles.Indicator(tlp: Tlp.Green);
        var doomed = Bundles.Indicator(tlp: Tlp.Green);
        await h.ImportAsync(alpha, Bundles.Bundle([versioned, doomed, Bundles.Indicator(tlp: Tlp.Clear), .. Uses(Tlp.Green)]));
        await h.ImportAsync(alpha, Bundles.Bundle([Bundles.Indicator(tlp: Tlp.Amber), .. Uses(Tlp.Amber)]), new ImportOptions { SharingGroupId = group, Scope = Scope.SharingGroup });
        await h.ImportAsync(alpha, Bundles.Bundle(Bundles.Indicator(tlp: Tlp.Red)), new ImportOptions { Scope = Scope.Owner });
        await h.ImportAsync(alpha, Bundles.Bundle(Bundles.Indicator(tlp: Tlp.Clear)), new ImportOptions { Scope = Scope.Public });
        await AssertMatchesAsync(h, readers);

        // Within one import (SQLite counts a bulk writer's rows when it commits): two versions of one object, the older
        // superseded in the same transaction, and a revoked one.
        var twice = Bundles.Indicator(tlp: Tlp.Green);
        var revoked = Bundles.Indicator(tlp: Tlp.Green);
        revoked["revoked"] = true;
        await h.ImportAsync(alpha, Bundles.Bundle(twice, Bundles.Indicator(id: IdOf(twice), modified: "2026-02-01T00:00:00.000Z", tlp: Tlp.Green), revoked));
        await AssertMatchesAsync(h, readers);

        // A new version supersedes the old one; a revocation and deletions take objects out of the counts.
        await h.ImportAsync(alpha, Bundles.Bundle(Bundles.Indicator(id: IdOf(versioned), modified: "2026-02-01T00:00:00.000Z", tlp: Tlp.Green)));
        await h.ImportAsync(alpha, Bundles.Bundle(Bundles.Indicator(id: IdOf(versioned), modified: "2026-03-01T00:00:00.000Z", tlp: Tlp.Green)));
        await AssertMatchesAsync(h, readers);
        Assert.True((await h.Store.RevokeAsync(alpha, IdOf(doomed), Ct)).IsSuccess);
        Assert.True((await h.Store.DeleteVersionsAsync(alpha, IdOf(versioned), ["2026-03-01T00:00:00Z"], Ct)).IsSuccess);
        await AssertMatchesAsync(h, readers);
        Assert.True((await h.Store.DeleteAsync(alpha, IdOf(versioned), Ct)).IsSuccess);
        Assert.True((await h.Store.DeleteAsync(alpha, IdOf(doomed), Ct)).IsSuccess);
        await AssertMatchesAsync(h, readers);
    }

    /// <summary>Each figure of the overview against the objects themselves, through the same visibility rule.</summary>
    internal static async Task AssertMatchesAsync(IntelHarness h, IEnumerable<Principal> readers)
    {
        foreach (var reader in readers)
        {
            var overview = await new IntelStats(h.Db, h.Node.Time).OverviewAsync(reader, 30, Ct);
            var current = await h.Db.Objects.AsNoTracking().Where(o => o.Latest && !o.Revoked).Apply(reader)
                .Select(o => new { o.Tlp, o.Type, o.OwnerOrgId, o.Json }).ToListAsync(Ct);

            Assert.Equal(current.Count, overview.Added);
            Assert.Equal(current.GroupBy(o => o.Tlp).Select(g => new CountOf<Tlp>(g.Key, g.Count())).OrderBy(t => t.Key), overview.ByTlp);
            Assert.Equal(current.GroupBy(o => o.Type).Select(g => new CountOf<string>(g.Key, g.Count())).OrderByDescending(t => t.Count).ThenBy(t => t.Key, StringComparer.Ordinal).Take(8), overview.TopTypes);
            Assert.Equal(current.GroupBy(o => o.OwnerOrgId).Select(g => new CountOf<Guid>(g.Key, g.Count())).OrderByDescending(t => t.Count).ThenBy(t => t.Key).Take(8), overview.TopOwners);
            Assert.Equal(current.Count, overview.Activity[^1].Count);
            var uses = current.Count(o => o.Type == "relationship");
            Assert.Equal(uses == 0 ? [] : [uses], overview.TopTechniques.Select(t => t.Count));
        }
    }

    /// <summary>An intrusion set using a technique, both with this TLP: one relationship to count.</summary>
    private static JsonNode[] Uses(Tlp tlp)
    {
        var technique = new JsonObject
        {
            ["type"] = "attack-pattern", ["spec_version"] = "2.1", ["id"] = "attack-pattern--a62a8db3-f23a-4d8f-afd6-9dbc77e7813b",
            ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z", ["name"] = "Phishing",
            ["object_marking_refs"] = new JsonArray(Stix.Markings.TlpMarkings.IdOf(tlp)),
        };
        var relationship = new JsonObject
        {
            ["type"] = "relationship", ["spec_version"] = "2.1", ["id"] = Bundles.NewId("relationship"),
            ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z", ["relationship_type"] = "uses",
            ["source_ref"] = Bundles.NewId("intrusion-set"), ["target_ref"] = technique["id"]!.GetValue<string>(),
            ["object_marking_refs"] = new JsonArray(Stix.Markings.TlpMarkings.IdOf(tlp)),
        };
        return [technique, relationship];
    }

    private static string IdOf(JsonNode o) => o["id"]!.GetValue<string>();
}
