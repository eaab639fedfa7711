namespace Concord.Stix.Validation;

/// <summary>The outcome of validating one STIX object: every finding, errors and warnings.</summary>
/// <param name="Issues">All findings, in the order they were found.</param>
public sealed record StixValidationResult(IReadOnlyList<StixIssue> Issues)
{
    /// <summary>A result with no findings.</summary>
    public static StixValidationResult Valid { get; } = new([]);

    /// <summary>True when no finding is an error (warnings do not make an object invalid).</summary>
    public bool IsValid => !Issues.Any(i => i.Severity == StixSeverity.Error);

    /// <summary>The error findings only.</summary>
    public IEnumerable<StixIssue> Errors => Issues.Where(i => i.Severity == StixSeverity.Error);

    /// <summary>The warning findings only.</summary>
    public IEnumerable<StixIssue> Warnings => Issues.Where(i => i.Severity == StixSeverity.Warning);
}
