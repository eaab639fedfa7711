using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.Intel.Data;
using Concord.Intel.Features.Scoring;
using Concord.IntegrationTests.Intel;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Concord.IntegrationTests.Sightings;

/// <summary>
/// The score follower against scores computed from scratch out of the stored rows (the rule restated plainly below):
/// after a history of new indicators, new and late older versions, an id held by two owners, sightings, false
/// positives and expirations of every distribution, revocations and deletions; after a rewind over corrupted scores,
/// in one batch and across many; and after a failure part-way, which commits nothing of its batch and resumes there.
/// </summary>
public class ScoreFollowerTests
{
    private const string Day1 = "2026-10-01T00:00:00.000Z";
    private const string Day2 = "2026-10-02T00:00:00.000Z";
    private const string Day3 = "2026-10-03T00:00:00.000Z";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Only the steps the tests run follow the rows: the background service must not race them.
    private static Dictionary<string, string?> Quiet => new() { ["Concord:Intel:JobPollInterval"] = "01:00:00" };

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Follower_AfterAMixedHistory_HoldsExactlyTheScoresComputedFromScratch(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store, Quiet);
        var history = await History.WriteAsync(h);

        var scores = await StoredAsync(h);
        Assert.Equal(await FromScratchAsync(h), scores);

        // The rule is not vacuous here: a sighting counts for both owners of i1, the red false positive for neither;
        // the grouped indicator counts its owner's grouped sighting only; the deleted indicator has no score.
        var a = history.A;
        Assert.Equal(5, scores.Single(s => s.StixId == history.I1 && s.OwnerOrgId == a).Sightings);
        Assert.Equal(5, scores.Single(s => s.StixId == history.I1 && s.OwnerOrgId == history.B).Sightings);
        Assert.All(scores.Where(s => s.StixId == history.I1), s => Assert.Equal(0, s.FalsePositives));
        Assert.Equal(1, scores.Single(s => s.StixId == history.Grouped).Sightings);
        Assert.Equal(2, scores.Single(s => s.StixId == history.Early).Sightings);
        Assert.DoesNotContain(scores, s => s.StixId == history.Deleted);
        Assert.Equal(history.ScoredPairs, scores.Count);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Rewind_OverCorruptedScores_InOneBatchOrMany_RestoresExactlyTheScoresComputedFromScratch(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store, Quiet);
        var history = await History.WriteAsync(h);
        var expected = await FromScratchAsync(h);

        foreach (var batch in new[] { 10_000, 3 })
        {
            // Every stored score wrong, and a score left for an indicator that has since been deleted.
            await using (var scope = h.Node.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
                await db.Scores.ExecuteUpdateAsync(s => s.SetProperty(x => x.Base, -1.0).SetProperty(x => x.Sightings, 99L), Ct);
                db.Scores.Add(new IndicatorScore { StixId = history.Deleted, OwnerOrgId = history.A, Base = 50, RefUs = 1, UntilUs = long.MaxValue });
                await db.SaveChangesAsync(Ct);
                await db.FollowerMarks.ExecuteUpdateAsync(m => m.SetProperty(x => x.Position, 0L).SetProperty(x => x.Fingerprint, "an older model"), Ct);
            }

            await Follower(h, batch).CatchUpAsync(Ct);

            Assert.Equal(expected, await StoredAsync(h));
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Follower_FailingPartWay_KeepsTheTransactionsBefore_CommitsNothingOfThatOne_AndResumesThere(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store, Quiet);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation(Tlp.Green));
        var ids = Enumerable.Range(0, 10).Select(_ => Bundles.NewId()).ToList();
        await h.ImportAsync(owner, Bundles.Bundle([.. ids.Select(id => Indicator(id, Day1, confidence: 70))]), Green);
        var expected = await FromScratchAsync(h);
        Assert.Equal(10, expected.Count);
        var seqs = await h.Db.Objects.OrderBy(o => o.Seq).Select(o => new { o.Seq, o.StixId }).ToListAsync(Ct);
        Assert.Equal(ids, seqs.Select(s => s.StixId));

        // As if the scores had never been computed; the tenth indicator's score cannot be written.
        await h.Db.Scores.ExecuteDeleteAsync(Ct);
        await h.Db.FollowerMarks.ExecuteUpdateAsync(m => m.SetProperty(x => x.Position, 0L), Ct);
        await FailWritingAsync(h, store, ids[9]);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Follower(h, 3, batchesPerCommit: 2).CatchUpAsync(Ct));
        Assert.Contains("injected failure", failure.ToString(), StringComparison.Ordinal);

        // Batches of three, two per transaction: the first transaction (1st to 6th) committed with its mark; the second
        // failed in its second batch (the 10th) and left nothing of its first (7th to 9th) either.
        Assert.Equal(seqs[5].Seq, await ObjectsMarkAsync(h));
        Assert.Equal(expected.Where(s => ids.Take(6).Contains(s.StixId)), await StoredAsync(h));

        // A new process (a new follower) resumes from the mark once the fault is gone.
        await h.Db.Database.ExecuteSqlRawAsync(store == Store.Postgres ? "DROP TRIGGER fail_score ON intel_scores" : "DROP TRIGGER fail_score", Ct);
        await Follower(h, 3).CatchUpAsync(Ct);
        Assert.Equal(expected, await StoredAsync(h));
        Assert.Equal(seqs[^1].Seq, await ObjectsMarkAsync(h));
    }

    private static readonly ImportOptions Green = new() { Tlp = Tlp.Green, Scope = Scope.Alliance };

    private static ScoreFollower Follower(IntelHarness h, int batch, int batchesPerCommit = ScoreFollower.DefaultBatchesPerCommit) => new(
        h.Node.Services.GetRequiredService<IServiceScopeFactory>(),
        h.Node.Services.GetRequiredService<DecayModel>(),
        NullLogger<ScoreFollower>.Instance) { BatchSize = batch, BatchesPerCommit = batchesPerCommit };

    private static async Task FailWritingAsync(IntelHarness h, Store store, string id)
    {
        // A real failure inside the database, raised while the batch's scores are written.
        var sql = store == Store.Postgres
            ? $"""
               CREATE FUNCTION fail_score() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
               CREATE TRIGGER fail_score BEFORE INSERT ON intel_scores FOR EACH ROW WHEN (NEW.stix_id = '{id}') EXECUTE FUNCTION fail_score();
               """
            : $"CREATE TRIGGER fail_score BEFORE INSERT ON intel_scores WHEN NEW.stix_id = '{id}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;";
        await h.Db.Database.ExecuteSqlRawAsync(sql, Ct);
    }

    private static async Task<long> ObjectsMarkAsync(IntelHarness h)
    {
        await using var scope = h.Node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
        return await db.FollowerMarks.Where(m => m.Name == "scores.objects").Select(m => m.Position).SingleAsync(Ct);
    }

    private static async Task<List<Score>> StoredAsync(IntelHarness h)
    {
        await using var scope = h.Node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
        var scores = await db.Scores.AsNoTracking().ToListAsync(Ct);
        return [.. scores.Select(s => new Score(s.StixId, s.OwnerOrgId, s.Base, s.RefUs, s.UntilUs, s.FalsePositives, s.Sightings)).Order()];
    }

    /// <summary>
    /// Every owner's latest indicator version, scored from the projected sightings of its id that are not revoked and
    /// that every reader of that version may read: the definition, written out without the follower's batching.
    /// </summary>
    private static async Task<List<Score>> FromScratchAsync(IntelHarness h)
    {
        await using var scope = h.Node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
        var model = scope.ServiceProvider.GetRequiredService<DecayModel>();
        var indicators = await db.Objects.AsNoTracking().Where(o => o.Latest && o.Type == "indicator").ToListAsync(Ct);
        var sightings = await db.Sightings.AsNoTracking().Where(s => !s.Revoked).ToListAsync(Ct);
        var scores = new List<Score>();
        foreach (var indicator in indicators)
        {
            var facts = ScoreInputs.Indicator(indicator.Json);
            var counted = sightings.Where(s => s.TargetId == indicator.StixId && Visibility.Covers(indicator, s)).ToList();
            var seen = counted.Where(s => s.Kind == SightingKind.Sighting).ToList();
            var falsePositives = counted.Count(s => s.Kind == SightingKind.FalsePositive);
            var until = new List<long> { facts.ValidUntilUs ?? long.MaxValue, indicator.Revoked || facts.Revoked ? indicator.VersionUs : long.MaxValue };
            until.AddRange(counted.Where(s => s.Kind == SightingKind.Expiration).Select(s => s.SeenUs));
            scores.Add(new Score(
                indicator.StixId,
                indicator.OwnerOrgId,
                model.Base(facts.Confidence, indicator.OwnerOrgId, falsePositives),
                Math.Max(indicator.VersionUs, seen.Count == 0 ? long.MinValue : seen.Max(s => s.SeenUs)),
                until.Min(),
                falsePositives,
                seen.Sum(s => s.Count)));
        }

        return [.. scores.Order()];
    }

    private static JsonObject Indicator(string id, string modified, int? confidence = null, string? validUntil = null, bool revoked = false)
    {
        var o = Bundles.Indicator(id, modified);
        if (confidence is { } c)
        {
            o["confidence"] = c;
        }

        if (validUntil is not null)
        {
            o["valid_until"] = validUntil;
        }

        if (revoked)
        {
            o["revoked"] = true;
        }

        return o;
    }

    private static JsonObject Sighting(string target, string modified, string? id = null, string? kind = null, int? count = null, string? lastSeen = null, bool revoked = false)
    {
        var o = new JsonObject
        {
            ["type"] = "sighting",
            ["spec_version"] = "2.1",
            ["id"] = id ?? Bundles.NewId("sighting"),
            ["created"] = Day1,
            ["modified"] = modified,
            ["sighting_of_ref"] = target,
        };
        if (kind is not null)
        {
            o[ScoreInputs.KindProperty] = kind;
        }

        if (count is { } n)
        {
            o["count"] = n;
        }

        if (lastSeen is not null)
        {
            o["last_seen"] = lastSeen;
        }

        if (revoked)
        {
            o["revoked"] = true;
        }

        return o;
    }

    /// <summary>One stored score, compared whole (the base exactly: both sides compute it the same way).</summary>
    private sealed record Score(string StixId, Guid OwnerOrgId, double Base, long RefUs, long UntilUs, int FalsePositives, long Sightings) : IComparable<Score>
    {
        public int CompareTo(Score? other) =>
            other is null ? 1 : string.CompareOrdinal(StixId, other.StixId) is var byId and not 0 ? byId : OwnerOrgId.CompareTo(other.OwnerOrgId);
    }

    /// <summary>A history touching every way a score moves, written through the store as users would.</summary>
    private sealed record History(Guid A, Guid B, string I1, string Grouped, string Early, string Deleted, int ScoredPairs)
    {
        public static async Task<History> WriteAsync(IntelHarness h)
        {
            var a = h.Directory.AddOrganisation(Tlp.Green);
            var b = h.Directory.AddOrganisation(Tlp.Green);
            var c = h.Directory.AddOrganisation(Tlp.Green);
            var group = h.Directory.AddAudience(a, b);
            var alpha = IntelHarness.Member(a, Role.Analyst, group);
            var bravo = IntelHarness.Member(b, Role.Analyst, group);
            var charlie = IntelHarness.Member(c);
            var grouped = new ImportOptions { Tlp = Tlp.Amber, Scope = Scope.SharingGroup, SharingGroupId = group };
            var red = new ImportOptions { Tlp = Tlp.Red, Scope = Scope.Owner };
            string i1 = Bundles.NewId(), i2 = Bundles.NewId(), i3 = Bundles.NewId(), i4 = Bundles.NewId(), i5 = Bundles.NewId(), i6 = Bundles.NewId();
            string g1 = Bundles.NewId(), r1 = Bundles.NewId(), early = Bundles.NewId();

            // New indicators of every distribution, one with two versions at once.
            await h.ImportAsync(alpha, Bundles.Bundle(
                Indicator(i1, Day1, confidence: 80),
                Indicator(i2, Day1, confidence: 60, validUntil: "2026-12-01T00:00:00Z"),
                Indicator(i3, Day1, confidence: 90),
                Indicator(i4, Day1),
                Indicator(i6, Day1, confidence: 30),
                Indicator(i6, Day2, confidence: 95)), Green);
            await h.ImportAsync(alpha, Bundles.Bundle(Indicator(g1, Day1, confidence: 70)), grouped);
            await h.ImportAsync(bravo, Bundles.Bundle(Indicator(r1, Day1, confidence: 50)), red);

            // Sightings: counted ones, a red false positive nobody else may read, an expiration, grouped ones from the
            // owner (counts) and from another member (does not), and a sighting of an indicator not yet stored.
            var s1 = Bundles.NewId("sighting");
            var fp = Bundles.NewId("sighting");
            var expiration = Bundles.NewId("sighting");
            await h.ImportAsync(bravo, Bundles.Bundle(
                Sighting(i1, Day2, id: s1, count: 3, lastSeen: "2026-10-20T00:00:00Z"),
                Sighting(i4, Day2, id: expiration, kind: "expiration", lastSeen: "2026-10-25T00:00:00Z"),
                Sighting(early, Day2, count: 2)), Green);
            await h.ImportAsync(charlie, Bundles.Bundle(Sighting(i1, Day2, kind: "false-positive")), red);
            await h.ImportAsync(charlie, Bundles.Bundle(Sighting(i2, Day2, id: fp, kind: "false-positive")), Green);
            await h.ImportAsync(alpha, Bundles.Bundle(Sighting(g1, Day2, lastSeen: "2026-10-28T00:00:00Z")), grouped);
            await h.ImportAsync(bravo, Bundles.Bundle(Sighting(g1, Day2, count: 4)), grouped);
            await h.ImportAsync(alpha, Bundles.Bundle(Indicator(early, Day1, confidence: 65)), Green);

            // New versions: a lower confidence, a newer version before an older one, a revocation, another owner's
            // version of i1, a sighting's new count, a withdrawn false positive.
            await h.ImportAsync(alpha, Bundles.Bundle(Indicator(i3, Day2, confidence: 20)), Green);
            await h.ImportAsync(alpha, Bundles.Bundle(Indicator(i5, Day3, confidence: 40)), Green);
            await h.ImportAsync(alpha, Bundles.Bundle(Indicator(i5, Day1, confidence: 99)), Green);
            await h.ImportAsync(alpha, Bundles.Bundle(Indicator(i4, Day2, revoked: true)), Green);
            await h.ImportAsync(bravo, Bundles.Bundle(Indicator(i1, Day3, confidence: 40)), Green);
            await h.ImportAsync(bravo, Bundles.Bundle(Sighting(i1, Day3, id: s1, count: 5, lastSeen: "2026-10-21T00:00:00Z")), Green);
            await h.ImportAsync(charlie, Bundles.Bundle(Sighting(i2, Day3, id: fp, kind: "false-positive", revoked: true)), Green);

            // Deletions: the latest version of i6 (its first becomes latest again), all of i2, the expiration of i4.
            Assert.True((await h.Store.DeleteVersionsAsync(alpha, i6, [Day2], Ct)).IsSuccess);
            Assert.True((await h.Store.DeleteAsync(alpha, i2, Ct)).IsSuccess);
            Assert.True((await h.Store.DeleteAsync(bravo, expiration, Ct)).IsSuccess);

            // Scored: i1 (two owners), i3, i4, i5, i6, g1, r1, early.
            return new History(a, b, i1, g1, early, i2, 9);
        }
    }
}
