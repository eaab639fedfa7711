using System.Text;
using Concord.Stix;
using Concord.Intel.Observables.Warninglists;
using Concord.Observables;

namespace Concord.Intel.Features.Export.Defender;

/// <summary>
/// Writes the rule and list formats from indicators streamed through visibility. Nothing of an indicator is kept after its
/// line is written except what the format needs to finish: a 128-bit hash per distinct listed value (to write each once),
/// a sid per rule (to keep sids unique), and for IP lists the ranges to merge (two integers each).
/// </summary>
internal static class IndicatorExport
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<ExportSummary> WriteAsync(
        IAsyncEnumerable<(byte[] Json, Tlp Tlp)> indicators, ExportFormat format, ExportOptions options, WarninglistSnapshot? lists, DateTimeOffset now, Stream output,
        CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(output, Utf8, 1 << 16) { NewLine = "\n" };
        await using (writer.ConfigureAwait(false))
        {
            var rules = format switch
            {
                ExportFormat.Suricata => new RuleWriter(RuleDialect.Suricata, options.Links),
                ExportFormat.Snort => new RuleWriter(RuleDialect.Snort, options.Links),
                _ => null,
            };
            if (rules is not null)
            {
                await writer.WriteLineAsync($"# Concord {ExportFormats.Name(format)} rules. Sids {RuleText.FirstSid}-{RuleText.FirstSid + RuleText.SidCount - 1} are Concord's; a rule keeps its sid across exports.");
            }

            var seen = new HashSet<UInt128>();
            var networks = format == ExportFormat.Ips ? new CidrMerge() : null;
            long read = 0, entries = 0, skipped = 0;
            await foreach (var stored in indicators.WithCancellation(cancellationToken))
            {
                read++;
                var entry = IndicatorValues.Read(stored.Json, now);
                var wrote = false;
                foreach (var value in entry?.Values ?? [])
                {
                    if (!Wanted(format, options, value) || Listed(value, lists))
                    {
                        continue;
                    }

                    if (rules is not null)
                    {
                        if (rules.Rule(entry!, value, stored.Tlp) is { } rule)
                        {
                            await writer.WriteLineAsync(rule);
                            entries++;
                            wrote = true;
                        }
                    }
                    else
                    {
                        wrote = true;
                        if (networks is not null)
                        {
                            networks.Add(value.Network);
                        }
                        else if (seen.Add(Fnv128(value.Text)))
                        {
                            await writer.WriteLineAsync(value.Text);
                            entries++;
                        }
                    }
                }

                skipped += wrote ? 0 : 1;
            }

            foreach (var network in networks?.Networks() ?? [])
            {
                await writer.WriteLineAsync(network.ToString());
                entries++;
            }

            return new ExportSummary(read, 0) { Entries = entries, Skipped = skipped };
        }
    }

    private static bool Wanted(ExportFormat format, ExportOptions options, IndicatorValue value) => format switch
    {
        ExportFormat.Suricata or ExportFormat.Snort => options.Kinds is null || options.Kinds.Contains(value.Kind),
        ExportFormat.Ips => value.Kind == IndicatorValueKind.Ip,
        ExportFormat.Domains => value.Kind == IndicatorValueKind.Domain,
        ExportFormat.Urls => value.Kind == IndicatorValueKind.Url,
        ExportFormat.Hashes => value.Kind == IndicatorValueKind.Hash,
        _ => false,
    };

    /// <summary>A value on a warninglist is left out of a list or rule set that asked so, even when its indicator has others.</summary>
    private static bool Listed(IndicatorValue value, WarninglistSnapshot? lists) =>
        lists is not null && value.Observable is { } kind && lists.Match(Observable.FromCanonical(kind, value.Text)).Count > 0;

    /// <summary>FNV-1a, 128 bits: a distinct value's fingerprint, with collisions too rare to matter (about 2^-64 at a billion values).</summary>
    private static UInt128 Fnv128(string text)
    {
        var hash = new UInt128(0x6c62272e07bb0142, 0x62b821756295c58d);
        var prime = new UInt128(0x0000000001000000, 0x000000000000013B);
        foreach (var c in text)
        {
            hash = (hash ^ c) * prime;
        }

        return hash;
    }
}
