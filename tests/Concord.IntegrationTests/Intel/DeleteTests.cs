using Concord.Intel;
using Concord.Platform;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;

namespace Concord.IntegrationTests.Intel;

/// <summary>Deleting whole objects and single versions: tombstones per version, <c>latest</c> recomputed, all or none.</summary>
public class DeleteTests
{
    private const string V1 = "2026-01-01T00:00:00.000Z";
    private const string V2 = "2026-02-01T00:00:00.000Z";
    private const string V3 = "2026-03-01T00:00:00.000Z";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_ByOwner_RemovesEveryVersionAndKeepsATombstonePerVersion(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var id = Bundles.NewId();
        await h.ImportAsync(principal, Bundles.Bundle(Bundles.Indicator(id, V1), Bundles.Indicator(id, V2, Tlp.Green)));

        var deleted = (await h.Store.DeleteAsync(principal, id, Ct)).Value!;

        Assert.Equal((id, V2, 2, 0), (deleted.Id, deleted.LastModified, deleted.VersionsRemoved, deleted.VersionsLeft));
        Assert.Equal([V1, V2], deleted.Versions);
        Assert.Equal(ErrorKind.NotFound, (await h.Store.GetAsync(principal, id, null, Ct)).Error!.Kind);
        var tombstones = await h.Db.Tombstones.OrderBy(t => t.Seq).ToListAsync(Ct);
        Assert.Equal([V1, V2], tombstones.Select(t => t.Version));
        Assert.All(tombstones, t => Assert.Equal((id, principal.OrganisationId!.Value, true), (t.StixId, t.OwnerOrgId, t.ObjectDeleted)));
        Assert.Equal(Tlp.Green, tombstones[1].Tlp);
        Assert.True(tombstones[0].Seq > 2);
        Assert.Equal(ErrorKind.NotFound, (await h.Store.DeleteAsync(principal, id, Ct)).Error!.Kind);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeleteVersions_TheLatest_MakesTheNewestRemainingVersionLatest(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var id = Bundles.NewId();
        await h.ImportAsync(principal, Bundles.Bundle(Bundles.Indicator(id, V1), Bundles.Indicator(id, V2), Bundles.Indicator(id, V3)));

        var deleted = (await h.Store.DeleteVersionsAsync(principal, id, ["2026-03-01T00:00:00Z"], Ct)).Value!;

        Assert.Equal((1, 2), (deleted.VersionsRemoved, deleted.VersionsLeft));
        Assert.Equal(V2, (await h.Store.GetAsync(principal, id, null, Ct)).Value!.Version);
        Assert.Equal(V2, Assert.Single((await h.Store.QueryAsync(principal, new ObjectQuery(), Ct)).Items).Version);
        Assert.Equal([V1, V2], (await h.Store.VersionsAsync(principal, id, Ct)).Value!.Select(v => v.Version));
        var tombstone = await h.Db.Tombstones.SingleAsync(Ct);
        Assert.Equal((V3, false), (tombstone.Version, tombstone.ObjectDeleted));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeleteVersions_OlderOnes_KeepsTheLatestAndRemovesExactlyThose(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var principal = IntelHarness.Member(h.Directory.AddOrganisation());
        var id = Bundles.NewId();
        await h.ImportAsync(principal, Bundles.Bundle(Bundles.Indicator(id, V1), Bundles.Indicator(id, V2), Bundles.Indicator(id, V3)));

        var deleted = (await h.Store.DeleteVersionsAsync(principal, id, [V1, V2], Ct)).Value!;

        Assert.Equal([V1, V2], deleted.Versions);
        Assert.Equal(V3, Assert.Single((await h.Store.VersionsAsync(principal, id, Ct)).Value!).Version);
        Assert.Equal(1, await h.Db.Objects.CountAsync(o => o.Latest, Ct));
        Assert.Equal(2, await h.Db.Tombstones.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeleteVersions_WithAnAbsentOrForeignVersion_DeletesNothing(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var alpha = IntelHarness.Member(h.Directory.AddOrganisation());
        var bravo = IntelHarness.Member(h.Directory.AddOrganisation());
        var id = Bundles.NewId();
        await h.ImportAsync(alpha, Bundles.Bundle(Bundles.Indicator(id, V1, Tlp.Green)));
        await h.ImportAsync(bravo, Bundles.Bundle(Bundles.Indicator(id, V2, Tlp.Green)));

        Assert.Equal(ErrorKind.NotFound, (await h.Store.DeleteVersionsAsync(alpha, id, [V1, V3], Ct)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await h.Store.DeleteVersionsAsync(alpha, id, [V1, V2], Ct)).Error!.Kind);
        var invalid = (await h.Store.DeleteVersionsAsync(alpha, id, ["yesterday"], Ct)).Error!;
        Assert.Equal((ErrorKind.Validation, "version"), (invalid.Kind, invalid.Field));
        Assert.Equal(2, await h.Db.Objects.CountAsync(Ct));
        Assert.Equal(0, await h.Db.Tombstones.CountAsync(Ct));

        Assert.True((await h.Store.DeleteVersionsAsync(alpha, id, [V1], Ct)).IsSuccess);
        Assert.Equal(V2, Assert.Single((await h.Store.VersionsAsync(bravo, id, Ct)).Value!).Version);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DeleteVersions_OfAHiddenObject_IsNotFound(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var other = IntelHarness.Member(h.Directory.AddOrganisation());
        var id = Bundles.NewId();
        await h.ImportAsync(owner, Bundles.Bundle(Bundles.Indicator(id, V1, Tlp.Red)));

        Assert.Equal(ErrorKind.NotFound, (await h.Store.DeleteVersionsAsync(other, id, [V1], Ct)).Error!.Kind);
        Assert.Equal(1, await h.Db.Objects.CountAsync(Ct));
    }
}
