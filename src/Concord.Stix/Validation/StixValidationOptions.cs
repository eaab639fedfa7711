namespace Concord.Stix.Validation;

/// <summary>Choices for one validation run.</summary>
public sealed record StixValidationOptions
{
    /// <summary>Warnings included, no plug-in rules.</summary>
    public static StixValidationOptions Default { get; } = new();

    /// <summary>When false, SHOULD findings (warnings) are not collected; errors are unaffected.</summary>
    public bool IncludeWarnings { get; init; } = true;

    /// <summary>Rules run after the built-in checks, in order (for example pattern syntax or deterministic SCO ids).</summary>
    public IReadOnlyList<IStixValidationRule> Rules { get; init; } = [];
}
