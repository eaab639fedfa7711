using Concord.Stix;

namespace Concord.Access.Tests;

public class DistributionTests
{
    /// <summary>Every TLP against every scope: the widest allowed scope per label, per DESIGN.md.</summary>
    public static TheoryData<Tlp, Scope, bool> AllCombinations()
    {
        var widest = new Dictionary<Tlp, Scope>
        {
            [Tlp.Red] = Scope.Recipients,
            [Tlp.AmberStrict] = Scope.SharingGroup,
            [Tlp.Amber] = Scope.SharingGroup,
            [Tlp.Green] = Scope.ConnectedNodes,
            [Tlp.Clear] = Scope.Public,
        };
        var data = new TheoryData<Tlp, Scope, bool>();
        foreach (var tlp in Enum.GetValues<Tlp>())
        {
            foreach (var scope in Enum.GetValues<Scope>())
            {
                data.Add(tlp, scope, scope <= widest[tlp]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void Check_EveryTlpAndScope_AllowsExactlyTheScopesTheLabelPermits(Tlp tlp, Scope scope, bool allowed)
    {
        Guid? audience = scope is Scope.Recipients or Scope.SharingGroup ? Guid.NewGuid() : null;

        var error = Distribution.Check(tlp, scope, audience);

        Assert.Equal(allowed, error is null);
        if (!allowed)
        {
            Assert.Equal(("scope", "scope-wider-than-tlp"), (error!.Field, error.Rule));
            Assert.Contains(Distribution.Label(tlp), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_RecipientsWithoutAudience_IsRefused() =>
        Assert.Equal("audience-required", Distribution.Check(Tlp.Red, Scope.Recipients, null)?.Rule);

    [Fact]
    public void Check_AllianceWithAnAudience_IsRefused() =>
        Assert.Equal("audience-not-allowed", Distribution.Check(Tlp.Green, Scope.Alliance, Guid.NewGuid())?.Rule);

    [Theory]
    [InlineData("amber+strict", Tlp.AmberStrict)]
    [InlineData("TLP:RED", Tlp.Red)]
    [InlineData("white", Tlp.Clear)]
    public void TryParseTlp_CommonSpellings_Parse(string text, Tlp expected)
    {
        Assert.True(Distribution.TryParseTlp(text, out var tlp));
        Assert.Equal(expected, tlp);
    }

    [Fact]
    public void ScopeNames_RoundTrip()
    {
        foreach (var scope in Enum.GetValues<Scope>())
        {
            Assert.True(Distribution.TryParseScope(Distribution.Name(scope), out var parsed));
            Assert.Equal(scope, parsed);
        }
    }
}
