using System.CommandLine;
using System.Globalization;
using Concord.Access;
using Concord.Intel;
using Concord.Stix;

namespace Concord.Host.Cli;

/// <summary>
/// <c>concord export [--type T] [--since TIME] [--tlp L] [--tlp-max L] [--min-score S] [--org NAME] [--exclude-warninglisted] [--format F] [-o FILE]</c>:
/// what the organisation may read as a STIX 2.1 bundle (with the identities and marking definitions it references), CSV,
/// MISP JSON, Suricata or Snort rules or a block list, written by the same <see cref="IIntelExports"/> as the browser's
/// downloads and the API's pull URLs, streamed page by page.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var type = new Option<string?>("--type") { Description = "Only objects of this STIX type (e.g. indicator)." };
        var since = new Option<string?>("--since") { Description = "Only objects modified at or after this time (ISO 8601, e.g. 2026-01-01 or 2026-01-01T00:00:00Z)." };
        var tlp = new Option<string?>("--tlp") { Description = "Only objects with this TLP: clear, green, amber, amber+strict, red." };
        var tlpMax = new Option<string?>("--tlp-max") { Description = "Only objects with at most this TLP (amber: clear, green and amber)." };
        var org = new Option<string?>("--org") { Description = "Export what this organisation may read (name or id; default: the only organisation)." };
        var minScore = new Option<double?>("--min-score") { Description = "Only indicators whose current score (0-100) is at least this." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the bundle to this file instead of standard output." };
        var unlisted = new Option<bool>("--exclude-warninglisted") { Description = "Leave out objects whose observables are all on the node's warninglists." };
        var format = new Option<string?>("--format")
        {
            Description = "stix (a STIX 2.1 bundle, the default), csv, misp (MISP JSON events), suricata or snort (rules), ips, domains, urls or hashes (block lists).",
        };
        var command = new Command("export", "Export the objects an organisation may read: a STIX 2.1 bundle (with the identities and marking definitions they reference), CSV, MISP JSON, Suricata or Snort rules, or a block list.\n" + ExitCodes.Help)
        {
            type, since, tlp, tlpMax, minScore, org, format, output, unlisted,
        };
        command.SetAction((parse, ct) => ConcordCli.GuardAsync(context, () => ExportAsync(
            context,
            new ObjectQuery
            {
                Type = parse.GetValue(type),
                ModifiedFrom = ParseSince(parse.GetValue(since)),
                Tlp = ParseTlp(parse.GetValue(tlp)),
                TlpMax = ParseTlp(parse.GetValue(tlpMax)),
                MinScore = ParseMinScore(parse.GetValue(minScore)),
                Limit = 1000,
                ExcludeWarninglisted = parse.GetValue(unlisted),
            },
            ParseFormat(parse.GetValue(format)),
            parse.GetValue(org),
            parse.GetValue(output),
            ct)));
        return command;
    }

    private static async Task<int> ExportAsync(CliContext context, ObjectQuery query, ExportFormat format, string? org, FileInfo? output, CancellationToken cancellationToken)
    {
        await using var app = await LocalNode.BuildAsync(context, cancellationToken);
        var organisation = await LocalNode.OrganisationAsync(app.Services, org, cancellationToken);
        var principal = await LocalNode.PrincipalAsync(app.Services, organisation, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var exports = scope.ServiceProvider.GetRequiredService<IIntelExports>();

        var temp = output is null ? null : output.FullName + ".partial";
        ExportSummary summary;
        try
        {
            await using var stream = temp is null ? context.OpenStandardOutput() : new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            summary = await exports.WriteAsync(principal, query, format, stream, cancellationToken);
        }
        catch when (temp is not null)
        {
            File.Delete(temp);
            throw;
        }

        // A file appears only once the bundle is complete, so a failed export never leaves a truncated bundle behind.
        if (temp is not null)
        {
            File.Move(temp, output!.FullName, overwrite: true);
        }

        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"exported {summary.Objects:N0} object(s) readable by {organisation.Name}{Referenced(format, summary)}{(output is null ? "" : " to " + output.FullName)}."));
        return ExitCodes.Ok;
    }

    private static string Referenced(ExportFormat format, ExportSummary summary) =>
        ExportFormats.IsIndicatorValues(format)
            ? string.Create(CultureInfo.InvariantCulture, $" as {summary.Entries:N0} {(format is ExportFormat.Suricata or ExportFormat.Snort ? "rule(s)" : "line(s)")}; {summary.Skipped:N0} indicator(s) gave none (not plain values, revoked, expired or filtered)")
        : format == ExportFormat.Misp ? string.Create(CultureInfo.InvariantCulture, $" as {summary.Referenced:N0} MISP event(s)")
            : summary.Referenced > 0 ? string.Create(CultureInfo.InvariantCulture, $", and {summary.Referenced:N0} identities and marking definitions they reference") : "";

    private static ExportFormat ParseFormat(string? text) =>
        text is null ? ExportFormat.Stix : ExportFormats.TryParse(text, out var format) ? format
            : throw CliException.Usage($"--format '{text}' is not one of {ExportFormats.Names}.");

    private static DateTimeOffset? ParseSince(string? text) =>
        text is null ? null
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var since) ? since
            : throw CliException.Usage($"--since '{text}' is not a date or time (use ISO 8601, e.g. 2026-01-01T00:00:00Z).");

    private static double? ParseMinScore(double? value) =>
        value is null or (>= 0 and <= 100) ? value : throw CliException.Usage($"--min-score {value} is not between 0 and 100.");

    private static Tlp? ParseTlp(string? text) =>
        text is null ? null : Distribution.TryParseTlp(text, out var tlp) ? tlp
            : throw CliException.Usage($"--tlp '{text}' is not one of clear, green, amber, amber+strict, red.");
}
