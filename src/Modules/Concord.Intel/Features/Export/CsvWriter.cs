using System.Globalization;
using System.Text;
using System.Text.Json;
using Concord.Access;
using Concord.Stix.Markings;

namespace Concord.Intel.Features.Export;

/// <summary>
/// Writes objects as CSV (RFC 4180: a header row, CRLF, fields quoted where they must be), one row per object as it
/// arrives. A cell a spreadsheet would run as a formula (starting with <c>= + - @</c>, a tab or a carriage return) is
/// prefixed with <c>'</c>, so an exported name can never execute on an analyst's machine.
/// </summary>
internal static class CsvWriter
{
    public static readonly string[] Columns = ["id", "type", "name", "value_or_pattern", "owner", "tlp", "created", "modified", "score", "labels"];

    private const int FlushEvery = 1000;

    public static async Task<ExportSummary> WriteAsync(
        IAsyncEnumerable<StoredStixObject> objects, Principal reader, IReadOnlyDictionary<Guid, string> organisations, Stream output, CancellationToken cancellationToken)
    {
        long count = 0;
        await using var text = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        await text.WriteLineAsync(string.Join(',', Columns));
        await foreach (var stored in objects.WithCancellation(cancellationToken))
        {
            await text.WriteLineAsync(Row(stored, reader, organisations));
            if (++count % FlushEvery == 0)
            {
                await text.FlushAsync(cancellationToken);
            }
        }

        await text.FlushAsync(cancellationToken);
        return new ExportSummary(count, 0);
    }

    private static string Row(StoredStixObject stored, Principal reader, IReadOnlyDictionary<Guid, string> organisations)
    {
        using var document = JsonDocument.Parse(stored.Json);
        var root = document.RootElement;
        var owner = stored.ReporterFor(reader) is { } org ? organisations.GetValueOrDefault(org, org.ToString("D")) : "anonymous";
        string[] cells =
        [
            stored.Id,
            stored.Type,
            String(root, "name"),
            Value(root),
            owner,
            TlpMarkings.NameOf(stored.Tlp),
            String(root, "created"),
            String(root, "modified"),
            stored.Score?.ToString("0.0", CultureInfo.InvariantCulture) ?? string.Empty,
            root.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Array
                ? string.Join("; ", labels.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()))
                : string.Empty,
        ];
        return string.Join(',', cells.Select(Cell));
    }

    /// <summary>An indicator's pattern, else an observable's value (or key, or hashes).</summary>
    private static string Value(JsonElement root)
    {
        foreach (var name in (string[])["pattern", "value", "key"])
        {
            if (String(root, name) is { Length: > 0 } value)
            {
                return value;
            }
        }

        return root.TryGetProperty("hashes", out var hashes) && hashes.ValueKind == JsonValueKind.Object
            ? string.Join(' ', hashes.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.String).Select(h => $"{h.Name}:{h.Value.GetString()}"))
            : string.Empty;
    }

    private static string String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
