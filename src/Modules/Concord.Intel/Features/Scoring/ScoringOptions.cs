using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Features.Scoring;

/// <summary>
/// The decay model (<c>Concord:Intel:Scoring</c>), after MISP's polynomial decay:
/// score = base × (1 − (t / <see cref="Lifetime"/>)^(1 / <see cref="DecaySpeed"/>)), clamped to 0–100, where t is the
/// age since the indicator's version or its latest counted sighting, and base = confidence × source reliability ×
/// <see cref="FalsePositivePenalty"/> per counted false-positive report.
/// </summary>
internal sealed class ScoringOptions
{
    public const string Section = "Concord:Intel:Scoring";

    /// <summary>τ: the age at which the score reaches zero.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>δ: below 1 the score stays high and drops late; above 1 it drops early.</summary>
    [Range(0.01, 100)]
    public double DecaySpeed { get; set; } = 0.3;

    /// <summary>The confidence of an indicator without a <c>confidence</c> property (STIX 0–100).</summary>
    [Range(0, 100)]
    public int DefaultConfidence { get; set; } = 50;

    /// <summary>The reliability (0–1) of a source organisation not listed in <see cref="Reliability"/>.</summary>
    [Range(0.0, 1.0)]
    public double DefaultReliability { get; set; } = 0.8;

    /// <summary>Per source organisation (its id): reliability 0–1.</summary>
    public Dictionary<string, double> Reliability { get; set; } = [];

    /// <summary>The factor each counted false-positive report multiplies the base by.</summary>
    [Range(0.0, 1.0)]
    public double FalsePositivePenalty { get; set; } = 0.5;

    /// <summary>The inputs that go into stored bases: when they change, every score is recomputed.</summary>
    public string Fingerprint() => string.Join(';',
        [
            DefaultConfidence.ToString(CultureInfo.InvariantCulture),
            DefaultReliability.ToString("R", CultureInfo.InvariantCulture),
            FalsePositivePenalty.ToString("R", CultureInfo.InvariantCulture),
            .. Reliability.OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase).Select(r => $"{r.Key.ToLowerInvariant()}={r.Value.ToString("R", CultureInfo.InvariantCulture)}"),
        ]);
}

/// <summary>Checks what data annotations cannot: each reliability is keyed by an organisation id and lies in 0–1.</summary>
internal sealed class ScoringOptionsValidator : IValidateOptions<ScoringOptions>
{
    public ValidateOptionsResult Validate(string? name, ScoringOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, value) in options.Reliability)
        {
            if (!Guid.TryParse(key, out _))
            {
                failures.Add($"{ScoringOptions.Section}:Reliability: '{key}' is not an organisation id (a UUID).");
            }

            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                failures.Add($"{ScoringOptions.Section}:Reliability:{key}: {value.ToString(CultureInfo.InvariantCulture)} is not between 0 and 1.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
