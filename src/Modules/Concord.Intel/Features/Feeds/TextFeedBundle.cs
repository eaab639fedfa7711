using System.Globalization;
using System.Text;
using System.Text.Json;
using Concord.Observables;
using Concord.Stix.Identifiers;

namespace Concord.Intel.Features.Feeds;

/// <summary>
/// Turns a plain-text or CSV feed into a STIX bundle of indicators, one per distinct value. Ids are derived from the
/// feed and the value, and created/modified are the feed's creation time, so pulling an unchanged value again is a
/// duplicate of the same version, never a new one. Values are refanged (feeds publish <c>evil[.]com</c>) and parsed
/// by <see cref="Observable"/>; a line that is no value is counted and named in the run's errors (the first few).
/// </summary>
internal sealed class TextFeedBundle(Guid feedId, DateTimeOffset created, FeedKind kind, CsvColumns? columns)
{
    public const int MaxReportedLines = 5;

    private static readonly byte[] Namespace = Guid.Parse("5b0f3c6e-0d7e-4f38-9a51-6a1f0c2c7e11").ToByteArray(bigEndian: true);

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly string _stamp = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public int Values => _seen.Count;

    public int BadLines { get; private set; }

    public List<string> Problems { get; } = [];

    /// <summary>Reads <paramref name="input"/> line by line and writes the bundle to <paramref name="output"/>.</summary>
    public async Task WriteAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("type", "bundle");
        json.WriteString("id", "bundle--" + Guid.NewGuid());
        json.WriteStartArray("objects");
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (Entry(line, number) is { } entry)
            {
                WriteIndicator(json, entry);
            }

            if (json.BytesPending > 64 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private (Observable Value, string? Comment, string? FirstSeen)? Entry(string line, int number)
    {
        var text = line.Trim();
        if (text.Length == 0 || text[0] == '#')
        {
            return null;
        }

        string raw;
        string? comment = null, firstSeen = null;
        if (kind == FeedKind.Csv && columns is { } map)
        {
            var cells = CsvLine.Split(text);
            raw = Cell(cells, map.Value) ?? "";
            comment = map.Comment is { } c ? Cell(cells, c) : null;
            firstSeen = map.FirstSeen is { } f ? Cell(cells, f) : null;
        }
        else
        {
            // "value<TAB>count" (ipsum), "value # note": the value is the first word.
            raw = text.Split([' ', '\t', ';'], 2)[0];
        }

        // Detect guesses a kind from the text alone; a list value it cannot place is tried as a domain name.
        var value = Refang.Apply(raw);
        var parsed = Observable.Detect(value);
        if (!parsed.IsSuccess || Pattern(parsed.Value) is null)
        {
            parsed = Observable.Parse(ObservableKind.Domain, value);
        }

        // A single label ("indicator", a CSV header; "localhost") names no host on the internet: not a list value.
        if (parsed.IsSuccess && parsed.Value.Kind == ObservableKind.Domain && !parsed.Value.Value.Contains('.', StringComparison.Ordinal))
        {
            parsed = Concord.Platform.Error.Validation("value", "single-label", "a single label is not a domain a list can block");
        }

        if (!parsed.IsSuccess || Pattern(parsed.Value) is null)
        {
            // A CSV header ("indicator") is not a value; it is not an error either.
            if (number > 1 || kind != FeedKind.Csv)
            {
                BadLines++;
                if (Problems.Count < MaxReportedLines)
                {
                    Problems.Add($"line {number}: '{Short(raw)}' is not an IP address, network, domain, URL, e-mail address or hash.");
                }
            }

            return null;
        }

        return _seen.Add(parsed.Value.Value) ? (parsed.Value, comment, firstSeen) : null;
    }

    private void WriteIndicator(Utf8JsonWriter json, (Observable Value, string? Comment, string? FirstSeen) entry)
    {
        var id = ScoIds.UuidV5(Namespace, Encoding.UTF8.GetBytes($"{feedId:N} {entry.Value.Value}"));
        json.WriteStartObject();
        json.WriteString("type", "indicator");
        json.WriteString("spec_version", "2.1");
        json.WriteString("id", "indicator--" + id);
        json.WriteString("created", _stamp);
        json.WriteString("modified", _stamp);
        json.WriteString("name", entry.Value.Value);
        if (!string.IsNullOrWhiteSpace(entry.Comment))
        {
            json.WriteString("description", entry.Comment.Trim());
        }

        json.WriteString("pattern", Pattern(entry.Value));
        json.WriteString("pattern_type", "stix");
        json.WriteString("pattern_version", "2.1");
        json.WriteString("valid_from", ValidFrom(entry.FirstSeen));
        json.WriteEndObject();
    }

    private string ValidFrom(string? firstSeen) =>
        DateTimeOffset.TryParse(firstSeen, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : _stamp;

    /// <summary>The STIX pattern of a value; null for kinds a block list does not hold (a mutex, a registry key, …).</summary>
    internal static string? Pattern(Observable value)
    {
        var literal = "'" + value.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
        return value.Kind switch
        {
            ObservableKind.Ipv4Address or ObservableKind.Ipv4Network => $"[ipv4-addr:value = {literal}]",
            ObservableKind.Ipv6Address or ObservableKind.Ipv6Network => $"[ipv6-addr:value = {literal}]",
            ObservableKind.Domain => $"[domain-name:value = {literal}]",
            ObservableKind.Url => $"[url:value = {literal}]",
            ObservableKind.Email => $"[email-addr:value = {literal}]",
            ObservableKind.Md5 => $"[file:hashes.MD5 = {literal}]",
            ObservableKind.Sha1 => $"[file:hashes.'SHA-1' = {literal}]",
            ObservableKind.Sha256 => $"[file:hashes.'SHA-256' = {literal}]",
            ObservableKind.Sha512 => $"[file:hashes.'SHA-512' = {literal}]",
            _ => null,
        };
    }

    private static string? Cell(IReadOnlyList<string> cells, int column) => column >= 1 && column <= cells.Count ? cells[column - 1] : null;

    private static string Short(string raw) => raw.Length > 80 ? raw[..80] + "…" : raw;
}
