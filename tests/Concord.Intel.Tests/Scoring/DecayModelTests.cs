using Concord.Intel.Features.Scoring;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Tests.Scoring;

public class DecayModelTests
{
    private const long Day = 86_400_000_000;
    private static readonly Guid Trusted = Guid.NewGuid();

    private static DecayModel Model(Action<ScoringOptions>? configure = null)
    {
        var options = new ScoringOptions { Reliability = { [Trusted.ToString()] = 1.0 } };
        configure?.Invoke(options);
        return new DecayModel(Options.Create(options));
    }

    [Fact]
    public void Base_IsConfidenceTimesTheSourcesReliability_WithTheDefaultForUnlistedSources()
    {
        var model = Model();
        Assert.Equal(70, model.Base(70, Trusted, 0), 9);
        Assert.Equal(56, model.Base(70, Guid.NewGuid(), 0), 9);
        Assert.Equal(40, model.Base(null, Guid.NewGuid(), 0), 9);
    }

    [Fact]
    public void Base_EachFalsePositive_MultipliesByThePenalty()
    {
        var model = Model();
        Assert.Equal(35, model.Base(70, Trusted, 1), 9);
        Assert.Equal(17.5, model.Base(70, Trusted, 2), 9);
    }

    [Fact]
    public void Score_FollowsThePolynomialDecay_AndIsZeroFromTheLifetimeOn()
    {
        var model = Model();
        Assert.Equal(80, model.Score(80, 0, long.MaxValue, 0), 9);
        Assert.Equal(80 * (1 - Math.Pow(0.5, 1 / 0.3)), model.Score(80, 0, long.MaxValue, 45 * Day), 9);
        Assert.Equal(0, model.Score(80, 0, long.MaxValue, 90 * Day));
        Assert.Equal(0, model.Score(80, 0, long.MaxValue, 400 * Day));
    }

    [Fact]
    public void Score_IsZeroFromTheUntilTime_AndFullBeforeItsReferenceTime()
    {
        var model = Model();
        Assert.Equal(0, model.Score(80, 0, 10 * Day, 10 * Day));
        Assert.Equal(80, model.Score(80, 5 * Day, long.MaxValue, 1 * Day), 9);
    }

    [Fact]
    public void Shown_HasOneDecimal()
    {
        Assert.Equal(50, DecayModel.Shown(49.99999));
        Assert.Equal(49.3, DecayModel.Shown(49.25));
    }

    [Fact]
    public void Fingerprint_ChangesWithTheInputsOfStoredBases_NotWithTheDecayShape()
    {
        var before = Model().Fingerprint;
        Assert.Equal(before, Model(o => o.Lifetime = TimeSpan.FromDays(30)).Fingerprint);
        Assert.NotEqual(before, Model(o => o.FalsePositivePenalty = 0.25).Fingerprint);
        Assert.NotEqual(before, Model(o => o.Reliability[Guid.NewGuid().ToString()] = 0.1).Fingerprint);
    }

    [Fact]
    public void Validator_RefusesReliabilityNotKeyedByAnOrganisationIdOrOutOfRange()
    {
        var validator = new ScoringOptionsValidator();
        Assert.True(validator.Validate(null, new ScoringOptions { Reliability = { [Trusted.ToString()] = 0.9 } }).Succeeded);
        var bad = validator.Validate(null, new ScoringOptions { Reliability = { ["CERT-X"] = 0.9, [Trusted.ToString()] = 1.5 } });
        Assert.True(bad.Failed);
        Assert.Equal(2, bad.Failures!.Count());
    }
}
