using Concord.Access;
using Concord.Intel;
using Concord.Stix;
using Concord.Taxii;
using Concord.Taxii.Features.Collections;

namespace Concord.IntegrationTests.Taxii;

/// <summary>can_read / can_write of each kind of collection, per principal (T 5.2.1: evaluated for the requesting client).</summary>
public class CollectionAccessTests
{
    private static readonly Guid Group = Guid.NewGuid();

    private static Principal Member(Role role, params Guid[] audiences) => new(PrincipalKind.Member, Guid.NewGuid(), new HashSet<Guid>(audiences), role, "m");

    private static TaxiiCollection Collection(Scope? scope, Guid? audience = null, bool writable = true) =>
        new(Guid.NewGuid(), "c", null, null, new TaxiiView { Scope = scope, AudienceId = audience, MaxTlp = scope == Scope.Public ? Tlp.Clear : null }, writable);

    [Fact]
    public void SharingGroupCollection_IsReadableAndWritableByItsMembersOnly()
    {
        var collection = Collection(Scope.SharingGroup, Group);

        Assert.True(collection.CanRead(Member(Role.ReadOnly, Group)));
        Assert.False(collection.CanWrite(Member(Role.ReadOnly, Group)));
        Assert.True(collection.CanWrite(Member(Role.Analyst, Group)));
        Assert.False(collection.CanRead(Member(Role.NodeAdmin)));
        Assert.False(collection.CanRead(Principal.Anonymous));
        Assert.Equal(Group, collection.ImportOptions().SharingGroupId);
    }

    [Fact]
    public async Task ASharingGroupCollection_KeepsItsGroupInUse_SoAccessRefusesToDeleteIt()
    {
        var other = Guid.NewGuid();
        var options = new TaxiiOptions
        {
            ApiRoots =
            [
                new ApiRootOptions
                {
                    Name = "concord",
                    Title = "Concord",
                    Collections =
                    [
                        new CollectionOptions { Id = Guid.NewGuid(), Title = "Tiger team", Scope = "sharing-group", SharingGroupId = Group },
                        new CollectionOptions { Id = Guid.NewGuid(), Title = "Alliance", Scope = "alliance" },
                    ],
                },
            ],
        };
        var references = new CollectionAudiences(new TaxiiCatalog(Microsoft.Extensions.Options.Options.Create(options)));

        Assert.Equal(["TAXII collections (in the node's configuration)"], await references.FindAsync(Group, TestContext.Current.CancellationToken));
        Assert.Empty(await references.FindAsync(other, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void PublicCollection_IsReadableByAnyone_WritableByAnalysts_AsClear()
    {
        var collection = Collection(Scope.Public);

        Assert.True(collection.CanRead(Principal.Anonymous));
        Assert.False(collection.CanWrite(Principal.Anonymous));
        Assert.True(collection.CanWrite(Member(Role.Analyst)));
        Assert.Equal((Scope.Public, Tlp.Clear), (collection.ImportOptions().Scope, collection.ImportOptions().Tlp));
    }

    [Fact]
    public void AllianceAndUnscopedCollections_AreForMembers_AndAReadOnlyCollectionTakesNoWrites()
    {
        Assert.False(Collection(Scope.Alliance).CanRead(Principal.Anonymous));
        Assert.False(Collection(null).CanRead(Principal.Anonymous));
        Assert.True(Collection(null).CanRead(Member(Role.ReadOnly)));
        Assert.False(Collection(Scope.Alliance, writable: false).CanWrite(Member(Role.OrgAdmin)));
        Assert.False(Collection(Scope.Alliance).CanRead(new Principal(PrincipalKind.PeerNode, null, new HashSet<Guid>(), Role.ReadOnly, "peer")));
        Assert.True(Collection(Scope.ConnectedNodes).CanRead(new Principal(PrincipalKind.PeerNode, null, new HashSet<Guid>(), Role.ReadOnly, "peer")));
    }
}
