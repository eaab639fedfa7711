using System.Buffers.Binary;
using System.Text;

namespace Concord.Intel.Features.Search;

/// <summary>
/// A <see cref="SearchDocument"/> as PostgreSQL's binary tsvector (what <c>tsvectorrecv</c> reads): the lexeme count,
/// then per lexeme its UTF-8 text, a NUL and a zero position count. The four fields become one lexeme space through a
/// prefix — <c>=</c> exact keys, <c>~</c> title words, none for body words, <c>#</c> label keys, <c>@</c> who may read
/// it (<see cref="SearchReach"/>) — so one GIN index
/// answers a field-restricted query exactly, without rechecking rows. Lexemes go in the order PostgreSQL keeps them
/// (byte order of their UTF-8, which for these letters and digits is ordinal order), so the server need not sort.
/// </summary>
internal static class TsVector
{
    public const string ExactPrefix = "=";
    public const string TitlePrefix = "~";
    public const string LabelPrefix = "#";
    public const string ReachPrefix = "@";

    public static List<string> Lexemes(SearchDocument document, string[] body, IEnumerable<string> reach)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(body);
        var lexemes = new List<string>(document.Exact.Length + document.Title.Length + body.Length + document.Labels.Length + 3);
        lexemes.AddRange(reach.Select(t => ReachPrefix + t));
        lexemes.AddRange(document.Exact.Select(t => ExactPrefix + t));
        lexemes.AddRange(document.Title.Select(t => TitlePrefix + t));
        lexemes.AddRange(body);
        lexemes.AddRange(document.Labels.Select(t => LabelPrefix + t));
        lexemes.Sort(StringComparer.Ordinal);
        return lexemes;
    }

    /// <summary>The most bytes <see cref="Write"/> can take for <paramref name="lexemes"/>.</summary>
    public static int MaxBytes(List<string>? lexemes) =>
        lexemes is null ? 0 : 4 + lexemes.Sum(l => Encoding.UTF8.GetMaxByteCount(l.Length) + 3);

    /// <summary>Writes the value (without the COPY field length); returns the bytes written.</summary>
    public static int Write(Span<byte> destination, List<string> lexemes)
    {
        ArgumentNullException.ThrowIfNull(lexemes);
        BinaryPrimitives.WriteInt32BigEndian(destination, lexemes.Count);
        var at = 4;
        foreach (var lexeme in lexemes)
        {
            at += Encoding.UTF8.GetBytes(lexeme, destination[at..]);
            destination[at] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(destination[(at + 1)..], 0);
            at += 3;
        }

        return at;
    }
}
