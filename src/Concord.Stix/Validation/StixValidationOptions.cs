namespace Concord.Stix.Validation;

/// <summary>Choices for one validation run.</summary>
public sealed record StixValidationOptions
{
    /// <summary>Warnings included, the library's plugged-in rules (pattern syntax, deterministic SCO ids) run.</summary>
    public static StixValidationOptions Default { get; } = new();

    /// <summary>When false, SHOULD findings (warnings) are not collected; errors are unaffected.</summary>
    public bool IncludeWarnings { get; init; } = true;

    /// <summary>
    /// Rules run after the type table, in order. Defaults to the library's plugged-in rules; to add one, keep them:
    /// <c>Rules = [.. StixValidationOptions.Default.Rules, myRule]</c>.
    /// </summary>
    public IReadOnlyList<IStixValidationRule> Rules { get; init; } = PluggedRules.All;
}
