using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Stix;
using Concord.Stix.Markings;

namespace Concord.Intel.Features.Authoring;

/// <summary>
/// Between drafts and STIX JSON. Writing sets only the properties a form edits, so a new version keeps everything
/// else the object carried (custom properties, external references, other markings).
/// </summary>
internal static class DraftJson
{
    public static void Apply(JsonObject json, ObjectDraft draft, string now)
    {
        switch (draft)
        {
            case IndicatorDraft indicator:
                Text(json, "name", indicator.Name);
                Text(json, "description", indicator.Description);
                json["pattern"] = indicator.Pattern;
                json["pattern_type"] = indicator.PatternType.Trim();
                json["valid_from"] = Trimmed(indicator.ValidFrom) ?? (string?)json["valid_from"] ?? now;
                List(json, "labels", indicator.Labels.Select(l => l.Trim()));
                break;
            case NoteDraft note:
                Text(json, "abstract", note.Abstract);
                json["content"] = note.Content;
                List(json, "object_refs", note.ObjectRefs.Select(r => r.Trim()));
                break;
            case ReportDraft report:
                Text(json, "name", report.Name);
                Text(json, "description", report.Description);
                json["published"] = Trimmed(report.Published) ?? (string?)json["published"] ?? now;
                List(json, "object_refs", report.ObjectRefs.Select(r => r.Trim()));
                break;
        }

        var markings = json["object_marking_refs"] is JsonArray existing
            ? existing.Select(m => (string?)m).OfType<string>().Where(m => !TlpMarkings.All.ContainsKey(m)).ToList()
            : [];
        markings.Insert(0, TlpMarkings.IdOf(draft.Tlp));
        List(json, "object_marking_refs", markings);
    }

    /// <summary>The draft that edits <paramref name="stix"/>; null for types not edited here.</summary>
    public static ObjectDraft? ToDraft(StixObject stix, Tlp tlp, Scope scope, Guid? audience)
    {
        // A sharing group is named by its audience id; a recipient list is not, so its recipients are chosen again.
        var group = scope == Scope.SharingGroup ? audience : null;
        var json = stix.Json;
        string? Get(string name) => json.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
        IReadOnlyList<string> Refs() => json.TryGetProperty("object_refs", out var refs) && refs.ValueKind == System.Text.Json.JsonValueKind.Array
            ? [.. refs.EnumerateArray().Where(r => r.ValueKind == System.Text.Json.JsonValueKind.String).Select(r => r.GetString()!)]
            : [];
        return stix.Type switch
        {
            "indicator" => new IndicatorDraft
            {
                Id = stix.Id, Tlp = tlp, Scope = scope, SharingGroupId = group, Name = stix.Name, Description = stix.Description, Pattern = Get("pattern"),
                PatternType = Get("pattern_type") ?? "stix", ValidFrom = Get("valid_from"), Labels = stix.Labels,
            },
            "note" => new NoteDraft { Id = stix.Id, Tlp = tlp, Scope = scope, SharingGroupId = group, Abstract = Get("abstract"), Content = Get("content"), ObjectRefs = Refs() },
            "report" => new ReportDraft
            {
                Id = stix.Id, Tlp = tlp, Scope = scope, SharingGroupId = group, Name = stix.Name, Description = stix.Description, Published = Get("published"), ObjectRefs = Refs(),
            },
            _ => null,
        };
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Text(JsonObject json, string name, string? value)
    {
        if (Trimmed(value) is { } text)
        {
            json[name] = text;
        }
        else
        {
            json.Remove(name);
        }
    }

    private static void List(JsonObject json, string name, IEnumerable<string> values)
    {
        var list = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            json.Remove(name);
        }
        else
        {
            json[name] = new JsonArray([.. list.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }
    }
}
