using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Concord.Access;
using Concord.Intel;
using Concord.Stix;

namespace Concord.Host.Cli;

/// <summary>
/// <c>concord export [--type T] [--since TIME] [--tlp L] [--min-score S] [--org NAME] [--exclude-warninglisted] [-o FILE]</c>: a STIX 2.1 bundle of what the
/// organisation may read, streamed page by page through the same visibility-filtered reads as the API.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var type = new Option<string?>("--type") { Description = "Only objects of this STIX type (e.g. indicator)." };
        var since = new Option<string?>("--since") { Description = "Only objects modified at or after this time (ISO 8601, e.g. 2026-01-01 or 2026-01-01T00:00:00Z)." };
        var tlp = new Option<string?>("--tlp") { Description = "Only objects with this TLP: clear, green, amber, amber+strict, red." };
        var org = new Option<string?>("--org") { Description = "Export what this organisation may read (name or id; default: the only organisation)." };
        var minScore = new Option<double?>("--min-score") { Description = "Only indicators whose current score (0-100) is at least this." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the bundle to this file instead of standard output." };
        var unlisted = new Option<bool>("--exclude-warninglisted") { Description = "Leave out objects whose observables are all on the node's warninglists." };
        var command = new Command("export", "Export a STIX 2.1 bundle of the objects an organisation may read.\n" + ExitCodes.Help) { type, since, tlp, minScore, org, output, unlisted };
        command.SetAction((parse, ct) => ConcordCli.GuardAsync(context, () => ExportAsync(
            context,
            new ObjectQuery
            {
                Type = parse.GetValue(type),
                ModifiedFrom = ParseSince(parse.GetValue(since)),
                Tlp = ParseTlp(parse.GetValue(tlp)),
                MinScore = ParseMinScore(parse.GetValue(minScore)),
                Limit = 1000,
                ExcludeWarninglisted = parse.GetValue(unlisted),
            },
            parse.GetValue(org),
            parse.GetValue(output),
            ct)));
        return command;
    }

    private static async Task<int> ExportAsync(CliContext context, ObjectQuery query, string? org, FileInfo? output, CancellationToken cancellationToken)
    {
        await using var app = await LocalNode.BuildAsync(context, cancellationToken);
        var organisation = await LocalNode.OrganisationAsync(app.Services, org, cancellationToken);
        var principal = await LocalNode.PrincipalAsync(app.Services, organisation, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIntelStore>();

        var temp = output is null ? null : output.FullName + ".partial";
        long count = 0;
        try
        {
            count = await WriteBundleAsync(context, store, principal, query, temp, cancellationToken);
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
            $"exported {count:N0} object(s) readable by {organisation.Name}{(output is null ? "" : " to " + output.FullName)}."));
        return ExitCodes.Ok;
    }

    private static async Task<long> WriteBundleAsync(CliContext context, IIntelStore store, Principal principal, ObjectQuery query, string? temp, CancellationToken cancellationToken)
    {
        long count = 0;
        await using (var stream = temp is null ? context.OpenStandardOutput() : new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        await using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "bundle");
            writer.WriteString("id", $"bundle--{Guid.NewGuid():D}");
            writer.WriteStartArray("objects");
            await foreach (var stored in store.StreamAsync(principal, query, cancellationToken))
            {
                writer.WriteRawValue(stored.Json.Span, skipInputValidation: true);
                if (++count % 1000 == 0)
                {
                    await writer.FlushAsync(cancellationToken);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken);
        }

        return count;
    }

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
