using System.Text.Json.Nodes;
using Concord.Intel;
using Concord.Intel.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace Concord.IntegrationTests.Intel;

/// <summary>
/// The bulk paths' batching: PostgreSQL copies batches of new ids straight into the store and sends known ids through
/// staging, so these cover batches of only new ids, of known ids, of both, versions crossing a batch boundary, and
/// bundles larger than a batch, on both stores. After each, every id has exactly one latest version per owner: its newest.
/// </summary>
public class IngestBatchTests
{
    private const int MoreThanTwoBatches = (2 * PostgresIngestSink.BatchRows) + 123;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_BatchMixingStoredAndNewIds_StoresNewIdsAndNewVersionsAndCountsTheRestAsDuplicates(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var (a, b, c) = (Bundles.NewId(), Bundles.NewId(), Bundles.NewId());
        await h.ImportAsync(principal, Bundles.Bundle(Bundles.Indicator(a, V(1)), Bundles.Indicator(b, V(1))));

        var report = await h.ImportAsync(principal, Bundles.Bundle(Bundles.Indicator(a, V(1)), Bundles.Indicator(b, V(2)), Bundles.Indicator(c, V(1))));

        Assert.Equal((3, 2, 1), (report.Processed, report.Stored, report.Duplicates));
        Assert.Equal(Sorted((a, V(1)), (b, V(2)), (c, V(1))), await LatestAsync(h));
        await AssertOneLatestNewestPerIdAsync(h);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_SeveralVersionsOfOneIdOutOfOrderInOneBundle_StoresEachOnceAndOnlyTheNewestIsLatest(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var id = Bundles.NewId();

        var report = await h.ImportAsync(principal, Bundles.Bundle(
            Bundles.Indicator(id, V(2)), Bundles.Indicator(id, V(1)), Bundles.Indicator(id, V(3)), Bundles.Indicator(id, V(2))));

        Assert.Equal((3, 1), (report.Stored, report.Duplicates));
        Assert.Equal([(id, V(3))], await LatestAsync(h));
        await AssertOneLatestNewestPerIdAsync(h);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_IdHeldByAnotherOwner_IsStoredAsTheImportersOwnCopy_WithLatestPerOwner(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var first = IntelHarness.Member(h.Directory.AddOrganisation());
        var second = IntelHarness.Member(h.Directory.AddOrganisation());
        var id = Bundles.NewId();
        await h.ImportAsync(first, Bundles.Bundle(Bundles.Indicator(id, V(1))));

        var report = await h.ImportAsync(second, Bundles.Bundle(Bundles.Indicator(id, V(1)), Bundles.Indicator(id, V(2))));

        // Ownership is part of identity: the first owner's V1 neither blocks nor is versioned by the second's.
        Assert.Equal((2, 0), (report.Stored, report.Duplicates));
        var rows = await h.Db.Objects.OrderBy(o => o.Seq).Select(o => new { o.OwnerOrgId, o.Modified, o.Latest }).ToListAsync(Ct);
        Assert.Equal(
            [(first.OrganisationId!.Value, V(1), true), (second.OrganisationId!.Value, V(1), false), (second.OrganisationId!.Value, V(2), true)],
            rows.Select(r => (r.OwnerOrgId, r.Modified!, r.Latest)));
        var again = await h.ImportAsync(second, Bundles.Bundle(Bundles.Indicator(id, V(1))));
        Assert.Equal((0, 1), (again.Stored, again.Duplicates));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_BundlesLargerThanABatch_StoreNewIdsOnceAndNewVersionsAcrossBatchBoundariesAsLatest(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var ids = Enumerable.Range(0, MoreThanTwoBatches).Select(_ => Bundles.NewId()).ToList();

        // A duplicate inside the first batch, and a second version of the first id long after its first batch.
        var first = await h.ImportAsync(principal, Bundles.Bundle(
            [.. ids.Select(id => Bundles.Indicator(id, V(1))), Bundles.Indicator(ids[1], V(1)), Bundles.Indicator(ids[0], V(2))]));
        var again = await h.ImportAsync(principal, Bundles.Bundle([.. ids.Select(id => Bundles.Indicator(id, V(1)))]));
        var updates = await h.ImportAsync(principal, Bundles.Bundle([.. ids.Select((id, i) => Bundles.Indicator(id, i % 7 == 0 ? V(3) : V(1)))]));

        Assert.Equal((MoreThanTwoBatches + 1, 1), (first.Stored, first.Duplicates));
        Assert.Equal((0, MoreThanTwoBatches), (again.Stored, again.Duplicates));
        Assert.Equal(((MoreThanTwoBatches + 6) / 7, MoreThanTwoBatches - ((MoreThanTwoBatches + 6) / 7)), (updates.Stored, updates.Duplicates));
        var latest = await LatestAsync(h);
        Assert.Equal(ids.Count, latest.Count);
        Assert.All(ids.Select((id, i) => (id, i)), x => Assert.Contains((x.id, x.i % 7 == 0 ? V(3) : V(1)), latest));
        await AssertOneLatestNewestPerIdAsync(h);
        // One date_added per transaction (a gap between two rows must count nothing), later for each later one.
        var sequence = await h.Db.Objects.OrderBy(o => o.Seq).Select(o => o.DateAddedUs).ToListAsync(Ct);
        Assert.True(sequence.Zip(sequence.Skip(1)).All(p => p.First <= p.Second), "date_added follows the sequence");
        Assert.Equal(2, sequence.Distinct().Count());

        // Each stored version has one observable; its key reached the index whichever path its batch took.
        Assert.Equal(await h.Db.Objects.CountAsync(Ct), await h.Db.Observables.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_AllOrNothingLargerThanABatchWithOneInvalidObjectLast_StoresNothing(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var invalid = Bundles.Indicator();
        invalid.Remove("pattern");
        var bundle = Bundles.Bundle([.. Enumerable.Range(0, MoreThanTwoBatches).Select(_ => Bundles.Indicator()), invalid]);

        var nothing = await h.ImportAsync(principal, bundle);
        Assert.Equal(0, await h.Db.Observables.CountAsync(Ct));
        var allButOne = await h.ImportAsync(principal, bundle, new ImportOptions { Policy = ImportPolicy.BestEffort });

        Assert.Equal((false, 0, 1), (nothing.Committed, nothing.Stored, nothing.Rejected));
        Assert.Equal((MoreThanTwoBatches, 1), (allButOne.Stored, allButOne.Rejected));
        Assert.Equal(MoreThanTwoBatches, await h.Db.Objects.CountAsync(Ct));
        Assert.Equal(MoreThanTwoBatches, await h.Db.Observables.CountAsync(Ct));
    }

    private static string V(int day) => $"2026-01-{day:00}T00:00:00.000Z";

    private static List<(string Id, string Version)> Sorted(params (string Id, string Version)[] latest) =>
        [.. latest.OrderBy(o => o.Id, StringComparer.Ordinal)];

    private static async Task<List<(string Id, string Version)>> LatestAsync(IntelHarness h) =>
        Sorted([.. (await h.Db.Objects.Where(o => o.Latest).Select(o => new { o.StixId, o.Modified }).ToListAsync(Ct)).Select(o => (o.StixId, o.Modified!))]);

    private static async Task AssertOneLatestNewestPerIdAsync(IntelHarness h)
    {
        var rows = await h.Db.Objects.Select(o => new { o.StixId, o.OwnerOrgId, o.VersionUs, o.Latest }).ToListAsync(Ct);
        foreach (var versions in rows.GroupBy(r => (r.StixId, r.OwnerOrgId)))
        {
            var latest = Assert.Single(versions, v => v.Latest);
            Assert.Equal(versions.Max(v => v.VersionUs), latest.VersionUs);
        }
    }
}
