using System.Text.RegularExpressions;
using Concord.Intel.Features.Import;

namespace Concord.Intel.Features.Authoring;

/// <summary>
/// The checks a form can act on, each naming its field. The STIX validator runs again on the built object in the
/// import path; these come first so a person reads "pattern: at column 17 …" rather than a JSON path.
/// </summary>
internal static partial class DraftRules
{
    public const int MaxName = 512;
    public const int MaxText = 65_536;
    public const int MaxRefs = 1_000;

    public static List<FieldIssue> Check(ObjectDraft draft)
    {
        var issues = new List<FieldIssue>();
        if (draft.Id is { } id && !id.StartsWith(draft.Type + "--", StringComparison.Ordinal))
        {
            issues.Add(new("id", "type-mismatch", $"'{id}' is not the id of a {draft.Type}."));
        }

        switch (draft)
        {
            case IndicatorDraft indicator:
                Required(issues, "name", indicator.Name, MaxName);
                Optional(issues, "description", indicator.Description, MaxText);
                CheckPattern(issues, indicator);
                Timestamp(issues, "valid_from", indicator.ValidFrom);
                if (indicator.Labels.Any(string.IsNullOrWhiteSpace))
                {
                    issues.Add(new("labels", "label-empty", "Labels cannot be empty."));
                }

                break;
            case NoteDraft note:
                Optional(issues, "abstract", note.Abstract, MaxName);
                Required(issues, "content", note.Content, MaxText);
                Refs(issues, note.ObjectRefs);
                break;
            case ReportDraft report:
                Required(issues, "name", report.Name, MaxName);
                Optional(issues, "description", report.Description, MaxText);
                Timestamp(issues, "published", report.Published);
                Refs(issues, report.ObjectRefs);
                break;
        }

        return issues;
    }

    private static void CheckPattern(List<FieldIssue> issues, IndicatorDraft indicator)
    {
        if (string.IsNullOrWhiteSpace(indicator.PatternType))
        {
            issues.Add(new("pattern_type", "required", "A pattern type is required (stix, sigma, snort, suricata, yara, …)."));
        }

        if (!Concord.Stix.Patterning.StixPattern.IsStixPatternType(indicator.PatternType))
        {
            Required(issues, "pattern", indicator.Pattern, MaxText);
            return;
        }

        if (PatternCheck.Check(indicator.Pattern).FirstOrDefault(f => f.IsError) is { } error)
        {
            issues.Add(new("pattern", error.Rule, error.Message));
        }
    }

    private static void Required(List<FieldIssue> issues, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            issues.Add(new(field, "required", $"'{field}' is required."));
            return;
        }

        Optional(issues, field, value, max);
    }

    private static void Optional(List<FieldIssue> issues, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            issues.Add(new(field, "too-long", $"'{field}' is longer than {max:N0} characters."));
        }
    }

    private static void Timestamp(List<FieldIssue> issues, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && StixTime.ToMicros(value.Trim()) is null)
        {
            issues.Add(new(field, "timestamp-format", $"'{field}' must be a UTC time such as 2026-11-23T08:00:00Z."));
        }
    }

    private static void Refs(List<FieldIssue> issues, IReadOnlyList<string> refs)
    {
        if (refs.Count == 0)
        {
            issues.Add(new("object_refs", "required", "Refer to at least one object."));
        }
        else if (refs.Count > MaxRefs)
        {
            issues.Add(new("object_refs", "too-many", $"At most {MaxRefs:N0} objects may be referred to."));
        }
        else if (refs.FirstOrDefault(r => !StixId().IsMatch(r)) is { } bad)
        {
            issues.Add(new("object_refs", "identifier-format", $"'{bad}' is not a STIX identifier (type--uuid)."));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex StixId();
}
