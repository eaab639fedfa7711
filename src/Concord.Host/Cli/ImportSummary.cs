using System.Globalization;
using Concord.Intel;
using Spectre.Console;

namespace Concord.Host.Cli;

/// <summary>The outcome of importing one source.</summary>
internal sealed record ImportResult(string Source, ImportReport? Report, string? Failure, TimeSpan Elapsed);

/// <summary>Prints the summary table (stdout), rejected objects (stderr), and decides the exit code.</summary>
internal static class ImportSummary
{
    private const int MaxErrorsShown = 50;

    public static int Write(CliContext context, IReadOnlyList<ImportResult> results)
    {
        var table = new Table().AddColumns("Source", "Result", "Processed", "Stored", "Duplicates", "Rejected", "Seconds", "Objects/s");
        foreach (var r in results)
        {
            var report = r.Report;
            var seconds = Math.Max(r.Elapsed.TotalSeconds, 0.001);
            table.AddRow(
                Markup.Escape(r.Source),
                r.Failure is not null ? "failed" : report!.Committed ? (report.Rejected > 0 ? "partial" : "stored") : "rejected",
                N(report?.Processed), N(report?.Stored), N(report?.Duplicates), N(report?.Rejected),
                r.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
                report is null ? "-" : N((long)(report.Processed / seconds)));
        }

        context.Data.Write(table);
        foreach (var r in results)
        {
            if (r.Failure is not null)
            {
                context.Error.WriteLine($"error: {r.Source}: {r.Failure}");
            }

            var errors = r.Report?.Errors ?? [];
            foreach (var rejected in errors.Take(MaxErrorsShown))
            {
                foreach (var issue in rejected.Issues)
                {
                    context.Error.WriteLine($"rejected: {r.Source} object #{rejected.Index} {rejected.Id ?? "(no id)"}: {issue.Rule} at {issue.Path}: {issue.Message}");
                }
            }

            if (errors.Count > MaxErrorsShown || r.Report?.ErrorsTruncated == true)
            {
                context.Error.WriteLine($"rejected: {r.Source}: {r.Report!.Rejected - Math.Min(errors.Count, MaxErrorsShown)} more rejected object(s) not shown.");
            }

            if (r.Report?.Misp is { } misp)
            {
                // What MISP had that was deliberately not stored is said, not silently dropped.
                context.Data.WriteLine($"misp: {r.Source}: {N(misp.Events)} event(s), {N(misp.Attributes)} attribute(s), {N(misp.Objects)} object(s), {N(misp.Sightings)} sighting(s); "
                    + $"left out: {N(misp.DeletedAttributes)} deleted attribute(s), {N(misp.DeletedObjects)} deleted object(s), {N(misp.Proposals)} proposal(s).");
            }

            if (r.Report is { Committed: false })
            {
                context.Error.WriteLine($"error: {r.Source}: {r.Report.Rejected} invalid object(s); with policy all-or-nothing nothing was stored (try --policy best-effort).");
            }
        }

        if (results.Any(r => r.Failure is not null || r.Report is { Committed: false }))
        {
            return ExitCodes.Error;
        }

        return results.Any(r => r.Report is { Rejected: > 0 }) ? ExitCodes.PartiallyRejected : ExitCodes.Ok;
    }

    private static string N(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";
}
