namespace Concord.Stix.Validation;

/// <summary>The outcome of validating one STIX object: every finding, errors and warnings.</summary>
/// <param name="Issues">All findings, in the order they were found.</param>
public sealed record StixValidationResult(IReadOnlyList<StixIssue> Issues)
{
    /// <summary>A result with no findings.</summary>
    public static StixValidationResult Valid { get; } = new([]);

    /// <summary>True when no finding is an error (warnings do not make an object invalid).</summary>
    public bool IsValid
    {
        get
        {
            // An indexed loop: callers check this once per object on hot ingest paths, so no enumerator is allocated.
            for (var i = 0; i < Issues.Count; i++)
            {
                if (Issues[i].Severity == StixSeverity.Error)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The error findings only.</summary>
    public IEnumerable<StixIssue> Errors => Issues.Where(i => i.Severity == StixSeverity.Error);

    /// <summary>The warning findings only.</summary>
    public IEnumerable<StixIssue> Warnings => Issues.Where(i => i.Severity == StixSeverity.Warning);
}
