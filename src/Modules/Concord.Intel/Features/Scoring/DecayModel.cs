using Microsoft.Extensions.Options;

namespace Concord.Intel.Features.Scoring;

/// <summary>The score of an indicator at a given time, from its stored inputs (see <see cref="ScoringOptions"/>).</summary>
internal sealed class DecayModel(IOptions<ScoringOptions> options)
{
    private readonly ScoringOptions _options = options.Value;

    private readonly Dictionary<Guid, double> _reliability = options.Value.Reliability
        .Where(p => Guid.TryParse(p.Key, out _)).ToDictionary(p => Guid.Parse(p.Key), p => p.Value);

    public long LifetimeUs => _options.Lifetime.Ticks / 10;

    public double DecaySpeed => _options.DecaySpeed;

    public string Fingerprint => _options.Fingerprint();

    public TimeSpan Lifetime => _options.Lifetime;

    public int DefaultConfidence => _options.DefaultConfidence;

    public double FalsePositivePenalty => _options.FalsePositivePenalty;

    /// <summary>The reliability (0–1) the model gives a source organisation.</summary>
    public double Reliability(Guid sourceOrg) => _reliability.TryGetValue(sourceOrg, out var r) ? r : _options.DefaultReliability;

    /// <summary>confidence × reliability × penalty^falsePositives, on the 0–100 scale.</summary>
    public double Base(int? confidence, Guid sourceOrg, int falsePositives)
    {
        var value = Math.Clamp(confidence ?? _options.DefaultConfidence, 0, 100) * Reliability(sourceOrg) * Math.Pow(_options.FalsePositivePenalty, falsePositives);
        return Math.Clamp(value, 0, 100);
    }

    /// <summary>The score at <paramref name="nowUs"/>: zero from <paramref name="untilUs"/> on and once the age reaches the lifetime.</summary>
    public double Score(double @base, long refUs, long untilUs, long nowUs)
    {
        if (nowUs >= untilUs || @base <= 0)
        {
            return 0;
        }

        var age = Math.Max(0, nowUs - refUs) / (double)LifetimeUs;
        if (age >= 1)
        {
            return 0;
        }

        return Math.Clamp(@base * (1 - Math.Pow(age, 1 / _options.DecaySpeed)), 0, 100);
    }

    /// <summary>The score as shown: one decimal. Filters compare the exact score.</summary>
    public static double Shown(double score) => Math.Round(score, 1, MidpointRounding.AwayFromZero);
}
