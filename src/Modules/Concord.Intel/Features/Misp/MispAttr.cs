using System.Text.Json;
using Concord.Intel.Features.Import;

namespace Concord.Intel.Features.Misp;

/// <summary>A MISP attribute being converted, its fields read once (leniently) and its place in the document kept.</summary>
internal sealed class MispAttr
{
    public required JsonElement Json { get; init; }

    public required string Uuid { get; init; }

    public required string Type { get; init; }

    public required string Value { get; init; }

    public string? Category { get; init; }

    public string? Comment { get; init; }

    public string? Relation { get; init; }

    public bool ToIds { get; init; }

    /// <summary>Whether <c>to_ids</c> was written (objects read only the written flag, as misp-stix does).</summary>
    public bool ToIdsWritten { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required IngestOrigin Origin { get; init; }

    public required MispDistribution Distribution { get; init; }

    public string? Data => Json.Text("data") is { Length: > 0 } data ? data : null;

    /// <summary><c>misp:type</c> and <c>misp:category</c>, the labels misp-stix gives everything made from an attribute.</summary>
    public List<object?> Labels()
    {
        List<object?> labels = [$"misp:type=\"{Type}\""];
        if (!string.IsNullOrEmpty(Category))
        {
            labels.Add($"misp:category=\"{Category}\"");
        }

        return labels;
    }

    /// <summary>The two halves of a composite value (<c>domain|ip</c>, <c>filename|md5</c>) split as misp-stix splits them.</summary>
    public bool TrySplit(out string left, out string right) => TrySplit(Value, out left, out right);

    public static bool TrySplit(string value, out string left, out string right)
    {
        foreach (var separator in MispStix.CompositeSeparators)
        {
            var at = value.IndexOf(separator, StringComparison.Ordinal);
            if (at >= 0)
            {
                // Python's value.split(sep) into two names: a second separator fails the unpacking there, so it is an error here.
                if (value.IndexOf(separator, at + 1) >= 0)
                {
                    left = right = string.Empty;
                    return false;
                }

                (left, right) = (value[..at], value[(at + 1)..]);
                return true;
            }
        }

        left = right = string.Empty;
        return false;
    }

    public static bool HasSeparator(string value) => MispStix.CompositeSeparators.Any(s => value.Contains(s, StringComparison.Ordinal));
}
