using System.Globalization;
using System.Text;
using Concord.Access;

namespace Concord.Intel.Endpoints;

/// <summary>
/// The list's cursor: opaque (<see cref="IPageCursors"/>), bound to the reader and to the list's filters, so it neither
/// counts what the reader may not see nor pages another query.
/// </summary>
internal static class Cursor
{
    public static string Encode(IPageCursors cursors, long seq, Principal reader, ObjectQuery query) => cursors.Issue(seq, reader, Binding(query));

    public static bool TryDecode(IPageCursors cursors, string? cursor, Principal reader, ObjectQuery query, out long? seq)
    {
        seq = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (!cursors.TryRead(cursor, reader, Binding(query), out var position))
        {
            return false;
        }

        seq = position;
        return true;
    }

    /// <summary>Every filter and the order that decide which rows a page walks; not the limit, which may change between pages.</summary>
    private static string Binding(ObjectQuery q) => new StringBuilder("rest/objects")
        .Append("\ntype=").Append(q.Type).Append("\nlabel=").Append(q.Label).Append("\ncreated_by_ref=").Append(q.CreatedByRef)
        .Append("\nmodified_from=").Append(q.ModifiedFrom?.UtcTicks.ToString(CultureInfo.InvariantCulture))
        .Append("\nmodified_to=").Append(q.ModifiedTo?.UtcTicks.ToString(CultureInfo.InvariantCulture))
        .Append("\nq=").Append(q.Text).Append("\ntlp=").Append(q.Tlp?.ToString()).Append("\nowner=").Append(q.Owner?.ToString("N"))
        .Append("\nall_versions=").Append(q.AllVersions).Append("\nmin_score=").Append(q.MinScore?.ToString("R", CultureInfo.InvariantCulture))
        .Append("\nnewest_first=").Append(q.NewestFirst).Append("\nrelevance=").Append(q.Relevance).Append("\nexclude_warninglisted=").Append(q.ExcludeWarninglisted)
        .ToString();
}
