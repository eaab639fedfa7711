using Concord.Stix;

namespace Concord.Access.Tests;

/// <summary>
/// <see cref="Visibility.Covers"/> against the read rule itself: for every pair of records over owner × TLP × scope ×
/// audience, "covers" must hold exactly when, for every membership of the audiences, each reader of the wider record
/// (anonymous, a peer node, and every member organisation) may read the narrower one — as <see cref="Visibility.MayRead"/> decides.
/// </summary>
public class VisibilityCoversTests
{
    private static readonly Guid[] Orgs = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
    private static readonly Guid[] Audiences = [Guid.NewGuid(), Guid.NewGuid()];
    private static readonly Principal Peer = new(PrincipalKind.PeerNode, null, new HashSet<Guid>(), Role.ReadOnly, "peer");

    /// <summary>Each organisation as a member of each subset of the two audiences (bit a = member of audience a).</summary>
    private static readonly Dictionary<(int Org, int Audiences), Principal> Members =
        (from o in Enumerable.Range(0, Orgs.Length)
         from set in Enumerable.Range(0, 4)
         select (o, set)).ToDictionary(
            k => k,
            k => new Principal(PrincipalKind.Member, Orgs[k.o], Audiences.Where((_, a) => (k.set & (1 << a)) != 0).ToHashSet(), Role.ReadOnly, $"org{k.o}"));

    private static IEnumerable<ShareableRecord> AllRecords() =>
        from owner in Orgs.Take(2)
        from tlp in Enum.GetValues<Tlp>()
        from scope in Enum.GetValues<Scope>()
        from audience in new Guid?[] { null, Audiences[0], Audiences[1] }
        select new ShareableRecord(owner, tlp, scope, audience);

    /// <summary>Every assignment of the three organisations to the two audiences (2^6 memberships).</summary>
    private static IEnumerable<Principal[]> AllMemberships()
    {
        for (var bits = 0; bits < 1 << (Orgs.Length * Audiences.Length); bits++)
        {
            var readers = new List<Principal> { Principal.Anonymous, Peer };
            for (var o = 0; o < Orgs.Length; o++)
            {
                readers.Add(Members[(o, (bits >> (o * Audiences.Length)) & 3)]);
            }

            yield return [.. readers];
        }
    }

    [Fact]
    public void Covers_EveryPairOfRecords_HoldsExactlyWhenEveryReaderOfTheWiderReadsTheNarrower()
    {
        var records = AllRecords().ToList();
        var memberships = AllMemberships().ToList();

        // Who reads each record under each membership, as a bit set over the readers: the read rule is the oracle
        // (MayRead compiles Filter on every call; compiled once per distinct principal here to keep the test fast).
        var rules = memberships.SelectMany(m => m).Distinct().ToDictionary(p => p, p => Visibility.Filter<ShareableRecord>(p).Compile());
        var readers = new int[records.Count, memberships.Count];
        for (var r = 0; r < records.Count; r++)
        {
            for (var m = 0; m < memberships.Count; m++)
            {
                var principals = memberships[m];
                for (var p = 0; p < principals.Length; p++)
                {
                    readers[r, m] |= rules[principals[p]](records[r]) ? 1 << p : 0;
                }
            }
        }

        var wrong = new List<string>();
        var covered = 0;
        for (var w = 0; w < records.Count; w++)
        {
            for (var n = 0; n < records.Count; n++)
            {
                var expected = true;
                for (var m = 0; m < memberships.Count && expected; m++)
                {
                    expected = (readers[w, m] & ~readers[n, m]) == 0;
                }

                var actual = Visibility.Covers(records[w], records[n]);
                covered += actual ? 1 : 0;
                if (actual != expected && wrong.Count < 20)
                {
                    wrong.Add($"{Describe(records[w])} covers {Describe(records[n])}: expected {expected}, was {actual}");
                }
            }
        }

        Assert.Empty(wrong);
        Assert.InRange(covered, 1, (records.Count * records.Count) - 1);
    }

    [Fact]
    public void Covers_AnotherOrganisationsRedSighting_DoesNotCoverAGreenIndicator()
    {
        var indicator = new ShareableRecord(Orgs[0], Tlp.Green, Scope.Alliance, null);
        var redSighting = new ShareableRecord(Orgs[1], Tlp.Red, Scope.Recipients, Audiences[0]);
        var greenSighting = new ShareableRecord(Orgs[1], Tlp.Green, Scope.Alliance, null);
        Assert.False(Visibility.Covers(indicator, redSighting));
        Assert.True(Visibility.Covers(indicator, greenSighting));
    }

    [Fact]
    public void Covers_TheOwnersOwnNarrowerReport_CoversOnlyWhatItsAudienceAlsoReads()
    {
        var amberToGroup = new ShareableRecord(Orgs[0], Tlp.Amber, Scope.SharingGroup, Audiences[0]);
        Assert.True(Visibility.Covers(amberToGroup, amberToGroup with { Tlp = Tlp.AmberStrict }));
        Assert.False(Visibility.Covers(amberToGroup, amberToGroup with { AudienceId = Audiences[1] }));
        Assert.False(Visibility.Covers(amberToGroup, amberToGroup with { Scope = Scope.Owner, AudienceId = null }));
        Assert.True(Visibility.Covers(amberToGroup with { Scope = Scope.Owner, AudienceId = null }, amberToGroup));
    }

    [Fact]
    public void Covers_ARecordReadByPeers_NeedsTheNarrowerToReachPeersToo()
    {
        var toPeers = new ShareableRecord(Orgs[0], Tlp.Green, Scope.ConnectedNodes, null);
        Assert.False(Visibility.Covers(toPeers, toPeers with { Scope = Scope.Alliance }));
        Assert.True(Visibility.Covers(toPeers, toPeers with { Tlp = Tlp.Clear, Scope = Scope.Public }));
    }

    private static string Describe(IShareable r) =>
        $"[{Array.IndexOf(Orgs, r.OwnerOrgId)} {r.Tlp} {r.Scope} {(r.AudienceId is { } a ? Array.IndexOf(Audiences, a) : -1)}]";
}
