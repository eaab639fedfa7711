using System.Globalization;
using Concord.Access;
using Concord.Platform;

namespace Concord.Intel;

/// <summary>An export's filters as parsed from a pull URL (<c>/api/v1/exports/{format}?…</c>) or a download link.</summary>
public sealed record ExportRequest(ExportFormat Format, ObjectQuery Query, ExportOptions Options);

/// <summary>
/// Parses the filters every export takes, the same for the API and the browser: <c>min_score</c>, <c>tlp_max</c>,
/// <c>since</c>, <c>type</c>, <c>exclude_warninglisted</c>. For the rule formats <c>type</c> names kinds of value
/// (<c>ip,domain,url,hash,ja3</c>); for the plain lists the format is the type, so <c>type</c> is refused.
/// </summary>
public static class ExportFilters
{
    public static Result<ExportRequest> Parse(string? format, string? minScore, string? tlpMax, string? since, string? type, string? excludeWarninglisted)
    {
        if (!ExportFormats.TryParse(format, out var parsed))
        {
            return Error.Validation("format", "format-unknown", $"The format must be one of {ExportFormats.Names}.");
        }

        double? score = null;
        if (!string.IsNullOrWhiteSpace(minScore))
        {
            if (!double.TryParse(minScore, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 100 || double.IsNaN(value))
            {
                return Error.Validation("min_score", "range", "'min_score' must be a number between 0 and 100.");
            }

            score = value;
        }

        Stix.Tlp? ceiling = null;
        if (!string.IsNullOrWhiteSpace(tlpMax))
        {
            if (!Distribution.TryParseTlp(tlpMax, out var tlp))
            {
                return Error.Validation("tlp_max", "tlp-unknown", $"'{tlpMax}' is not a TLP label (clear, green, amber, amber+strict, red).");
            }

            ceiling = tlp;
        }

        DateTimeOffset? from = null;
        if (!string.IsNullOrWhiteSpace(since))
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                return Error.Validation("since", "timestamp-format", "'since' must be an RFC 3339 timestamp, e.g. 2026-01-01T00:00:00Z.");
            }

            from = time;
        }

        bool? unlisted = string.IsNullOrWhiteSpace(excludeWarninglisted) ? false : bool.TryParse(excludeWarninglisted, out var flag) ? flag : null;
        if (unlisted is null)
        {
            return Error.Validation("exclude_warninglisted", "boolean", "'exclude_warninglisted' must be true or false.");
        }

        var kinds = Kinds(parsed, type);
        if (!kinds.IsSuccess)
        {
            return kinds.Error!;
        }

        var query = new ObjectQuery
        {
            Type = ExportFormats.IsIndicatorValues(parsed) || string.IsNullOrWhiteSpace(type) ? null : type.Trim(),
            MinScore = score,
            TlpMax = ceiling,
            ModifiedFrom = from,
            ExcludeWarninglisted = unlisted.Value,
            Limit = 1000,
        };
        return new ExportRequest(parsed, query, new ExportOptions(Kinds: kinds.Value!.Count == 0 ? null : kinds.Value));
    }

    private static Result<HashSet<IndicatorValueKind>> Kinds(ExportFormat format, string? type)
    {
        if (string.IsNullOrWhiteSpace(type) || !ExportFormats.IsIndicatorValues(format))
        {
            return new HashSet<IndicatorValueKind>();
        }

        if (format is not (ExportFormat.Suricata or ExportFormat.Snort))
        {
            return Error.Validation("type", "type-not-applicable", $"The {ExportFormats.Name(format)} list holds one type of value; 'type' applies to stix, csv, misp (a STIX type) and the rule formats.");
        }

        var kinds = new HashSet<IndicatorValueKind>();
        foreach (var part in type.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<IndicatorValueKind>(part, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || part.Any(char.IsDigit))
            {
                return Error.Validation("type", "kind-unknown", $"'{part}' is not a kind of rule: ip, domain, url, hash or ja3.");
            }

            kinds.Add(kind);
        }

        return kinds;
    }
}
