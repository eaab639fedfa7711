namespace Concord.Stix;

/// <summary>How serious a finding is: the STIX specification's MUST rules give errors, its SHOULD rules warnings.</summary>
public enum StixSeverity
{
    /// <summary>A MUST (or MUST NOT) of the specification is violated; the object is not valid STIX 2.1.</summary>
    Error,

    /// <summary>A SHOULD (or SHOULD NOT) of the specification is not followed; the object is still valid.</summary>
    Warning,
}

/// <summary>
/// One finding about a piece of STIX input: where it is (a JSON path such as <c>$.objects[3].created</c>),
/// which rule it breaks (a stable id such as <c>timestamp-format</c>), and a message a person can act on.
/// </summary>
/// <param name="Severity">Error for MUST violations, warning for SHOULD violations.</param>
/// <param name="Path">JSON path of the offending value, rooted at <c>$</c>.</param>
/// <param name="Rule">Stable, machine-readable rule id.</param>
/// <param name="Message">Human-readable explanation naming what is wrong.</param>
public sealed record StixIssue(StixSeverity Severity, string Path, string Rule, string Message)
{
    /// <summary>Creates an error finding.</summary>
    public static StixIssue Error(string path, string rule, string message) => new(StixSeverity.Error, path, rule, message);

    /// <summary>Creates a warning finding.</summary>
    public static StixIssue Warning(string path, string rule, string message) => new(StixSeverity.Warning, path, rule, message);

    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()} {Rule} at {Path}: {Message}";
}
