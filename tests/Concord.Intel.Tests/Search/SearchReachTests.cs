using Concord.Access;
using Concord.Intel.Features.Search;
using Concord.Stix;

namespace Concord.Intel.Tests.Search;

/// <summary>The index's reach keys pre-filter searches, so they must admit every record Visibility lets a reader read, and no other.</summary>
public class SearchReachTests
{
    /// <summary>The index's qualified words: a reader holds one of a record's keys exactly when it may read the record.</summary>
    [Fact]
    public void Keys_AdmitExactlyTheReadersVisibilityLetsRead_ForEveryDistribution()
    {
        var (a, b, group, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Principal[] readers =
        [
            Principal.Anonymous,
            new(PrincipalKind.PeerNode, null, new HashSet<Guid>(), Role.ReadOnly, "peer"),
            new(PrincipalKind.Member, a, new HashSet<Guid> { group }, Role.Analyst, "a"),
            new(PrincipalKind.Member, b, new HashSet<Guid> { group }, Role.Analyst, "b in the group"),
            new(PrincipalKind.Member, Guid.NewGuid(), new HashSet<Guid>(), Role.Analyst, "c"),
        ];
        var (admitted, refused) = (0, 0);
        foreach (var owner in new[] { a, b })
        foreach (var tlp in Enum.GetValues<Tlp>())
        foreach (var scope in Enum.GetValues<Scope>())
        foreach (var audience in new Guid?[] { null, group, other })
        {
            var record = new ShareableRecord(owner, tlp, scope, audience);
            var keys = SearchReach.Keys(owner, tlp, scope, audience);
            foreach (var reader in readers)
            {
                var mayRead = Visibility.MayRead(reader, record);
                Assert.True(mayRead == SearchReach.For(reader).Intersect(keys).Any(), $"{reader.Name}, {tlp}/{scope}/{audience}: may read {mayRead}, keys {string.Join(' ', keys)}");
                _ = mayRead ? admitted++ : refused++;
            }
        }

        Assert.True(admitted > 50 && refused > 50);
    }
}
