using Concord.Stix;

namespace Concord.Access.Tests;

public class VisibilityRuleTests
{
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();
    private static readonly Guid Audience = Guid.NewGuid();

    private static Principal Member(Guid org, params Guid[] audiences) =>
        new(PrincipalKind.Member, org, audiences.ToHashSet(), Role.Analyst, "member");

    private static readonly Principal Peer = new(PrincipalKind.PeerNode, null, new HashSet<Guid>(), Role.ReadOnly, "peer");

    /// <summary>The peer node of a node that hosts an organisation of <see cref="Audience"/>.</summary>
    private static readonly Principal RecipientsPeer = new(PrincipalKind.PeerNode, null, new HashSet<Guid> { Audience }, Role.ReadOnly, "recipients-peer");

    [Theory]
    [InlineData(Tlp.Red, Scope.Recipients, true)]
    [InlineData(Tlp.Red, Scope.SharingGroup, false)]
    [InlineData(Tlp.AmberStrict, Scope.SharingGroup, true)]
    [InlineData(Tlp.Amber, Scope.Alliance, false)]
    [InlineData(Tlp.Green, Scope.ConnectedNodes, true)]
    [InlineData(Tlp.Green, Scope.Public, false)]
    [InlineData(Tlp.Clear, Scope.Public, true)]
    public void Check_ScopeAgainstTlp_RefusesWiderScopes(Tlp tlp, Scope scope, bool allowed)
    {
        Guid? audience = scope is Scope.Recipients or Scope.SharingGroup ? Audience : null;
        var error = Distribution.Check(tlp, scope, audience);
        Assert.Equal(allowed, error is null);
        if (!allowed)
        {
            Assert.Equal("scope-wider-than-tlp", error!.Rule);
        }
    }

    [Fact]
    public void MayRead_OwnerAlwaysReadsOwnRecords()
    {
        foreach (var tlp in Enum.GetValues<Tlp>())
        {
            Assert.True(Visibility.MayRead(Member(Owner), new ShareableRecord(Owner, tlp, Scope.Owner, null)));
        }
    }

    [Fact]
    public void MayRead_RedToRecipients_OnlyTheAudienceReads()
    {
        var record = new ShareableRecord(Owner, Tlp.Red, Scope.Recipients, Audience);
        Assert.True(Visibility.MayRead(Member(Other, Audience), record));
        Assert.False(Visibility.MayRead(Member(Other), record));
        Assert.False(Visibility.MayRead(Peer, record));
        Assert.False(Visibility.MayRead(Principal.Anonymous, record));
    }

    [Fact]
    public void MayRead_RecordWhoseScopeExceedsItsTlp_IsCappedAtReadTime()
    {
        // Refused at write time; if such a row ever exists, reads must still not widen it.
        var record = new ShareableRecord(Owner, Tlp.Amber, Scope.Public, null);
        Assert.False(Visibility.MayRead(Principal.Anonymous, record));
        Assert.False(Visibility.MayRead(Member(Other), record));
        Assert.False(Visibility.MayRead(Peer, record));
        Assert.True(Visibility.MayRead(Member(Owner), record));
    }

    [Fact]
    public void MayRead_GreenAlliance_MembersReadPeersAndAnonymousDoNot()
    {
        var record = new ShareableRecord(Owner, Tlp.Green, Scope.Alliance, null);
        Assert.True(Visibility.MayRead(Member(Other), record));
        Assert.False(Visibility.MayRead(Peer, record));
        Assert.False(Visibility.MayRead(Principal.Anonymous, record));
    }

    [Fact]
    public void MayRead_ClearPublic_EveryoneReads()
    {
        var record = new ShareableRecord(Owner, Tlp.Clear, Scope.Public, null);
        Assert.True(Visibility.MayRead(Principal.Anonymous, record));
        Assert.True(Visibility.MayRead(Peer, record));
        Assert.True(Visibility.MayRead(Member(Other), record));
    }

    [Theory]
    [InlineData(Tlp.Amber, Scope.Recipients, true)]
    [InlineData(Tlp.AmberStrict, Scope.Recipients, true)]
    [InlineData(Tlp.Amber, Scope.SharingGroup, true)]
    [InlineData(Tlp.Green, Scope.Recipients, true)]
    [InlineData(Tlp.Red, Scope.Recipients, false)]
    [InlineData(Tlp.Amber, Scope.Owner, false)]
    [InlineData(Tlp.Green, Scope.Alliance, false)]
    public void MayRead_APeerOfARecipientsNode_ReadsUpToAmberStrict_NeverRed(Tlp tlp, Scope scope, bool reads)
    {
        Guid? audience = scope is Scope.Recipients or Scope.SharingGroup ? Audience : null;
        Assert.Equal(reads, Visibility.MayRead(RecipientsPeer, new ShareableRecord(Owner, tlp, scope, audience)));
        Assert.False(Visibility.MayRead(RecipientsPeer, new ShareableRecord(Owner, tlp, scope, Guid.NewGuid())) && scope is Scope.Recipients or Scope.SharingGroup);
        Assert.False(Visibility.MayRead(Peer, new ShareableRecord(Owner, tlp, scope, audience)));
    }

    /// <summary>A store pages by the branches: together they must admit exactly what the rule admits, for every reader and record.</summary>
    [Fact]
    public void Branches_TogetherAdmitExactlyWhatTheRuleAdmits()
    {
        Principal[] readers = [Principal.Anonymous, Peer, RecipientsPeer, Member(Owner), Member(Other), Member(Other, Audience), Member(Owner, Audience), Member(Other, Guid.NewGuid(), Audience)];
        var checkedCases = 0;
        foreach (var reader in readers)
        {
            var branches = Visibility.Branches<ShareableRecord>(reader).Select(b => b.Rule.Compile()).ToList();
            foreach (var tlp in Enum.GetValues<Tlp>())
            {
                foreach (var scope in Enum.GetValues<Scope>())
                {
                    foreach (var audience in new Guid?[] { null, Audience, Guid.NewGuid() })
                    {
                        var record = new ShareableRecord(Owner, tlp, scope, audience);
                        Assert.Equal(Visibility.MayRead(reader, record), branches.Any(b => b(record)));
                        checkedCases++;
                    }
                }
            }
        }

        Assert.Equal(readers.Length * Enum.GetValues<Tlp>().Length * Enum.GetValues<Scope>().Length * 3, checkedCases);
    }
}
