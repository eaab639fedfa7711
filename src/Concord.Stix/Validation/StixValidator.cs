using System.Text.Json;

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
}

/// <summary>Validates STIX 2.1 objects against the specification.</summary>
public static class StixValidator
{
    /// <summary>Validates a parsed object.</summary>
    public static StixValidationResult Validate(StixObject stixObject)
    {
        ArgumentNullException.ThrowIfNull(stixObject);
        return Validate(stixObject.Json);
    }

    /// <summary>Validates one object given as a JSON element.</summary>
    public static StixValidationResult Validate(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new([StixIssue.Error("$", "not-an-object", "A STIX object must be a JSON object.")]);
        }

        var issues = new List<StixIssue>();
        if (!element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            issues.Add(StixIssue.Error("$.type", "required", "The required property 'type' is missing or not a string."));
        }

        if (!element.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            issues.Add(StixIssue.Error("$.id", "required", "The required property 'id' is missing or not a string."));
        }

        return issues.Count == 0 ? StixValidationResult.Valid : new(issues);
    }
}
