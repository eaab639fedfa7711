using System.Text.Json;
using Concord.Stix;

namespace Concord.Intel.Features.Search;

/// <summary>
/// What the text index holds of one stored version, as four sets of tokens (lower-case runs of letters and digits):
/// <see cref="Exact"/> — each external id, alias and (for named things) the name as one key, e.g. <c>t1566</c>;
/// <see cref="Title"/> — the words of the name, aliases and external ids; the body — the words of the labels and the
/// description, taken from the row's columns by the writer (<see cref="BodyText"/>, <see cref="BodyWords"/>), since
/// SQLite's FTS5 splits a long description faster than a managed tokenizer; <see cref="Labels"/> — each label as one
/// key (the label filter). Relevance uses these fields only, so an object's rank depends on its own text and never on
/// what else the store holds.
/// </summary>
internal sealed record SearchDocument(string[] Exact, string[] Title, string[] Labels)
{
    /// <summary>Description text indexed at most (characters): a huge note must not make a huge index entry.</summary>
    public const int MaxDescription = 32_768;

    /// <summary>Longer tokens (base64 blobs, long hashes in prose) are left out of the index.</summary>
    public const int MaxToken = 100;

    /// <summary>Types whose name identifies the thing (a technique, a group, a tool), so a query equal to it ranks first.</summary>
    private static readonly HashSet<string> NamedTypes = new(StringComparer.Ordinal)
    {
        "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "infrastructure", "intrusion-set", "location",
        "malware", "malware-analysis", "report", "threat-actor", "tool", "vulnerability",
    };

    public static SearchDocument From(StixObject stix)
    {
        ArgumentNullException.ThrowIfNull(stix);
        var root = stix.Json;
        var ids = Strings(root, "external_references", "external_id");
        var aliases = Strings(root, "aliases", null).Concat(Strings(root, "x_mitre_aliases", null)).ToList();
        var exact = new List<string>(ids.Count + aliases.Count + 1);
        exact.AddRange(ids);
        exact.AddRange(aliases);
        if (stix.Name is { } name && (NamedTypes.Contains(stix.Type) || stix.Type.StartsWith("x-mitre-", StringComparison.Ordinal)))
        {
            exact.Add(name);
        }

        return new SearchDocument(
            Distinct(exact.Select(Key)),
            Distinct(ids.Concat(aliases).Append(stix.Name).SelectMany(Words)),
            Distinct(stix.Labels.Select(Key)));
    }

    /// <summary>The body as text: the labels (stored as <c>|a|b|</c>) and the start of the description.</summary>
    public static string BodyText(string? labels, string? description)
    {
        var text = description is { Length: > MaxDescription } d ? d[..MaxDescription] : description;
        return labels is null ? text ?? "" : labels.Replace('|', ' ') + " " + text;
    }

    /// <summary>The body's distinct words (PostgreSQL's lexemes).</summary>
    public static string[] BodyWords(string? labels, string? description) => Distinct(Words(BodyText(labels, description)));

    /// <summary>The words of a text: maximal runs of letters and digits, lower-cased.</summary>
    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                if (i - start <= MaxToken)
                {
                    yield return text[start..i].ToLowerInvariant();
                }

                start = -1;
            }
        }
    }

    /// <summary>A whole value as one key: its words run together (<c>T1566.001</c> → <c>t1566001</c>).</summary>
    public static string Key(string? text) => string.Concat(Words(text));

    /// <summary>Distinct, non-empty, in ordinal order (the order PostgreSQL keeps a tsvector's lexemes in).</summary>
    private static string[] Distinct(IEnumerable<string> tokens)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            if (token.Length is > 0 and <= MaxToken)
            {
                set.Add(token);
            }
        }

        return [.. set];
    }

    /// <summary>The strings of an array property, or of one property of each object in it.</summary>
    private static List<string> Strings(JsonElement root, string array, string? property)
    {
        var values = new List<string>();
        if (!root.TryGetProperty(array, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return values;
        }

        foreach (var item in items.EnumerateArray())
        {
            var value = property is null ? item : item.ValueKind == JsonValueKind.Object && item.TryGetProperty(property, out var p) ? p : default;
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text)
            {
                values.Add(text);
            }
        }

        return values;
    }
}
