using System.Globalization;
using Concord.Access;
using Concord.Intel;
using Concord.Stix;

namespace Concord.Web.Intel;

/// <summary>
/// What the create and edit forms post: text as typed. <see cref="ToDraft"/> reads it into a draft (problems become
/// field issues like any other), <see cref="From"/> fills the form from a draft being edited.
/// </summary>
public sealed class DraftFields
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Pattern { get; set; }

    public string? PatternType { get; set; } = "stix";

    /// <summary>A UTC time from a <c>datetime-local</c> input (<c>2026-11-23T08:00</c>) or a STIX timestamp.</summary>
    public string? ValidFrom { get; set; }

    public string? Published { get; set; }

    /// <summary>Comma-separated.</summary>
    public string? Labels { get; set; }

    public string? Abstract { get; set; }

    public string? Content { get; set; }

    /// <summary>One STIX id per line (or separated by commas or spaces).</summary>
    public string? ObjectRefs { get; set; }

    public string Tlp { get; set; } = "amber";

    /// <summary>Empty: the default for the TLP (as imports do).</summary>
    public string? Scope { get; set; }

    /// <summary>The sharing group's id, for scope <c>sharing-group</c>.</summary>
    public string? SharingGroup { get; set; }

    public (ObjectDraft Draft, List<FieldIssue> Issues) ToDraft(string type, IReadOnlyCollection<Guid> recipients)
    {
        var issues = new List<FieldIssue>();
        if (!Distribution.TryParseTlp(Tlp, out var tlp))
        {
            issues.Add(new FieldIssue("tlp", "tlp-unknown", "Choose a TLP label."));
            tlp = Stix.Tlp.Amber;
        }

        Access.Scope? scope = null;
        if (!string.IsNullOrWhiteSpace(Scope))
        {
            if (Distribution.TryParseScope(Scope, out var parsed))
            {
                scope = parsed;
            }
            else
            {
                issues.Add(new FieldIssue("scope", "scope-unknown", "Choose who the object is shared with."));
            }
        }

        Guid? group = null;
        if (!string.IsNullOrWhiteSpace(SharingGroup))
        {
            if (Guid.TryParse(SharingGroup, out var groupId))
            {
                group = groupId;
            }
            else
            {
                issues.Add(new FieldIssue("sharing_group", "sharing-group-unknown", "Choose one of your sharing groups."));
            }
        }

        var id = string.IsNullOrWhiteSpace(Id) ? null : Id.Trim();
        ObjectDraft draft = type switch
        {
            "note" => new NoteDraft { Abstract = Abstract, Content = Content, ObjectRefs = Split(ObjectRefs, '\n', ',', ' ', '\r', '\t') },
            "report" => new ReportDraft { Name = Name, Description = Description, Published = Time(Published), ObjectRefs = Split(ObjectRefs, '\n', ',', ' ', '\r', '\t') },
            _ => new IndicatorDraft
            {
                Name = Name, Description = Description, Pattern = Pattern, PatternType = PatternType?.Trim() ?? string.Empty,
                ValidFrom = Time(ValidFrom), Labels = Split(Labels, ','),
            },
        };
        return (draft with { Id = id, Tlp = tlp, Scope = scope, SharingGroupId = group, Recipients = recipients }, issues);
    }

    public static DraftFields From(ObjectDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var fields = new DraftFields
        {
            Id = draft.Id,
            Tlp = Distribution.Label(draft.Tlp).ToLowerInvariant(),
            Scope = draft.Scope is { } s ? Distribution.Name(s) : null,
            SharingGroup = draft.SharingGroupId?.ToString(),
        };
        switch (draft)
        {
            case IndicatorDraft i:
                (fields.Name, fields.Description, fields.Pattern, fields.PatternType) = (i.Name, i.Description, i.Pattern, i.PatternType);
                fields.ValidFrom = Local(i.ValidFrom);
                fields.Labels = string.Join(", ", i.Labels);
                break;
            case NoteDraft n:
                (fields.Abstract, fields.Content, fields.ObjectRefs) = (n.Abstract, n.Content, string.Join('\n', n.ObjectRefs));
                break;
            case ReportDraft r:
                (fields.Name, fields.Description, fields.Published) = (r.Name, r.Description, Local(r.Published));
                fields.ObjectRefs = string.Join('\n', r.ObjectRefs);
                break;
        }

        return fields;
    }

    /// <summary>A <c>datetime-local</c> value (taken as UTC, as the form says) as a STIX timestamp; other text is passed on to be checked.</summary>
    public static string? Time(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        string[] local = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
        return DateTime.TryParseExact(trimmed, local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : trimmed;
    }

    private static string? Local(string? stix) =>
        DateTimeOffset.TryParse(stix, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : stix;

    private static List<string> Split(string? text, params char[] separators) =>
        text is null ? [] : [.. text.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
