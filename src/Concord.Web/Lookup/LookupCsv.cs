using System.Globalization;
using System.Text;
using Concord.Intel;

namespace Concord.Web.Lookup;

/// <summary>
/// A lookup's answer as CSV (RFC 4180): one row per value and correlated object, one row for a value with none. Every
/// cell comes from <see cref="ICorrelation"/>'s answer, so the file says what the REST lookup says, no more.
/// </summary>
public static class LookupCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly string[] Header =
    [
        "value", "kind", "read_as", "problem", "excluded", "common", "warninglists", "organisation", "country",
        "object_id", "object_type", "object_name", "tlp", "score", "match", "matched_value", "first_seen", "last_seen",
    ];

    public static async Task WriteAsync(TextWriter output, CorrelationResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        await WriteRowAsync(output, Header, cancellationToken);
        foreach (var value in result.Values)
        {
            string[] about =
            [
                value.Input, value.Kind ?? "", value.Value ?? "", value.Problem ?? "", Flag(value.Excluded), Flag(value.Common),
                string.Join(';', value.Warninglists.Select(w => w.Id)),
            ];
            var objects = value.Reporters.SelectMany(r => r.Objects.Select(o => (r, o))).ToList();
            if (objects.Count == 0)
            {
                await WriteRowAsync(output, [.. about, "", "", "", "", "", "", "", "", "", "", ""], cancellationToken);
            }

            foreach (var (reporter, o) in objects)
            {
                await WriteRowAsync(output,
                [
                    .. about, reporter.Organisation, reporter.Country, o.Id, o.Type, o.Name ?? "", "TLP:" + o.Tlp,
                    o.Score?.ToString("0.0", CultureInfo.InvariantCulture) ?? "", Match(o.Match), o.MatchedValue, Time(o.FirstSeen), Time(o.LastSeen),
                ], cancellationToken);
            }
        }
    }

    /// <summary>
    /// A cell, quoted when it holds a separator, a quote or a line break. Text another organisation wrote (an object's
    /// name) that starts like a spreadsheet formula gets a leading apostrophe, so opening the file runs nothing (OWASP
    /// "CSV injection").
    /// </summary>
    internal static string Cell(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static async Task WriteRowAsync(TextWriter output, IEnumerable<string> cells, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        foreach (var cell in cells)
        {
            line.Append(line.Length == 0 ? "" : ",").Append(Cell(cell));
        }

        await output.WriteAsync(line.Append("\r\n"), cancellationToken);
    }

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Match(CorrelationMatch match) => match switch
    {
        CorrelationMatch.Exact => "exact",
        CorrelationMatch.ContainingNetwork => "containing-network",
        CorrelationMatch.InsideNetwork => "inside-network",
        CorrelationMatch.ParentDomain => "parent-domain",
        _ => match.ToString(),
    };

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
