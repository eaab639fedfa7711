using System.Globalization;
using Concord.Intel;
using Concord.Platform;
using Microsoft.Extensions.Primitives;

namespace Concord.Web.Intel;

/// <summary>Reads the confirm form of the free-text import: parallel kind and value fields, and the indexes ticked.</summary>
public static class TextImportForm
{
    public static List<TextImportItem> Items(StringValues picks, StringValues kinds, StringValues values)
    {
        var items = new List<TextImportItem>();
        foreach (var pick in picks)
        {
            // An index the form did not offer is ignored, as a tampered form deserves no better.
            if (int.TryParse(pick, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < kinds.Count && i < values.Count)
            {
                items.Add(new TextImportItem(kinds[i] ?? "", values[i] ?? ""));
            }
        }

        return items;
    }

    public static List<Guid> Recipients(StringValues posted) =>
        [.. posted.Select(r => Guid.TryParse(r, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];

    /// <summary>The problem in words, naming the item (<c>items[2].value</c> → the value that was ticked) when it is one.</summary>
    public static string Describe(Error error, IReadOnlyList<TextImportItem> picked)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(picked);
        var field = error.Field ?? "";
        if (field.StartsWith("items[", StringComparison.Ordinal) && field.IndexOf(']', StringComparison.Ordinal) is var end and > 6
            && int.TryParse(field.AsSpan(6, end - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < picked.Count)
        {
            return $"{picked[i].Value}: {error.Message}";
        }

        return error.Message;
    }
}
