using System.Text.Json;

namespace Concord.Intel.Features.Export;

/// <summary>
/// Collects the identities and marking definitions exported objects reference (<c>created_by_ref</c>,
/// <c>object_marking_refs</c>, granular markings' <c>marking_ref</c>, any other <c>*_ref</c>/<c>*_refs</c>), and which
/// of them the export already holds, so they can be appended once after the objects. Only these ids are kept: the
/// memory an export needs grows with the identities and markings it names, not with its objects.
/// </summary>
internal sealed class References
{
    private static readonly string[] Types = ["identity--", "marking-definition--"];

    private readonly HashSet<string> _wanted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    /// <summary>Notes what <paramref name="json"/> (an exported object with the given id and type) references.</summary>
    public void Add(string id, string type, ReadOnlySpan<byte> json)
    {
        if (type is "identity" or "marking-definition")
        {
            _written.Add(id);
        }

        var reader = new Utf8JsonReader(json);
        var inReference = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    inReference = reader.ValueTextEquals("object_marking_refs"u8) || reader.ValueTextEquals("marking_ref"u8) || EndsWithRef(ref reader);
                    break;
                case JsonTokenType.String when inReference:
                    var value = reader.GetString()!;
                    if (Types.Any(t => value.StartsWith(t, StringComparison.Ordinal)))
                    {
                        _wanted.Add(value);
                    }

                    break;
                case JsonTokenType.StartObject:
                    inReference = false;
                    break;
            }
        }
    }

    /// <summary>The referenced ids not yet written, in a stable order; each is then marked written.</summary>
    public IReadOnlyList<string> TakeMissing()
    {
        var missing = _wanted.Where(id => !_written.Contains(id)).Order(StringComparer.Ordinal).ToList();
        _written.UnionWith(missing);
        return missing;
    }

    private static bool EndsWithRef(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            var text = reader.GetString()!;
            return text.EndsWith("_ref", StringComparison.Ordinal) || text.EndsWith("_refs", StringComparison.Ordinal);
        }

        return reader.ValueSpan.EndsWith("_ref"u8) || reader.ValueSpan.EndsWith("_refs"u8);
    }
}
