using System.Globalization;
using Concord.Intel;
using Spectre.Console;

namespace Concord.Host.Cli;

/// <summary>A lookup's answer as a table: one row per correlated object, or one row saying why a value has none.</summary>
internal static class LookupTable
{
    public static void Write(CliContext context, CorrelationResult result)
    {
        var table = new Table().AddColumns("Value", "Kind", "Organisation", "Country", "Object", "Match", "First seen", "Last seen", "Notes");
        foreach (var value in result.Values)
        {
            var notes = Notes(value);
            if (value.Reporters.Count == 0)
            {
                table.AddRow(Cell(value.Value ?? value.Input), Cell(value.Kind), "", "", Cell(value.Common ? "(common)" : "(none)"), "", "", "", Cell(notes));
                continue;
            }

            foreach (var reporter in value.Reporters)
            {
                foreach (var o in reporter.Objects)
                {
                    table.AddRow(Cell(value.Value!), Cell(value.Kind), Cell(reporter.Organisation), Cell(reporter.Country), Cell(o.Name is null ? o.Id : $"{o.Name} ({o.Id})"),
                        Cell(Match(o)), Date(o.FirstSeen), Date(o.LastSeen), Cell(notes));
                }
            }
        }

        context.Data.Write(table);
    }

    private static string Notes(ValueCorrelation value)
    {
        var notes = new List<string>();
        if (value.Problem is not null)
        {
            notes.Add(value.Problem);
        }

        if (value.Excluded)
        {
            notes.Add("excluded from correlation");
        }

        if (value.Warninglists.Count > 0)
        {
            notes.Add("warninglists: " + string.Join(", ", value.Warninglists.Select(w => w.Id)));
        }

        return string.Join("; ", notes);
    }

    private static string Match(CorrelatedObject o) => o.Match switch
    {
        CorrelationMatch.Exact => "exact",
        CorrelationMatch.ContainingNetwork => $"in {o.MatchedValue}",
        CorrelationMatch.InsideNetwork => $"holds {o.MatchedValue}",
        CorrelationMatch.ParentDomain => $"parent {o.MatchedValue}",
        _ => o.Match.ToString(),
    };

    private static string Cell(string? text) => Markup.Escape(text ?? "");

    private static string Date(DateTimeOffset time) => Cell(time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
