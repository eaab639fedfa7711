using System.Buffers.Binary;
using System.Text;

namespace Concord.Intel.Features.Search;

/// <summary>
/// A <see cref="SearchDocument"/> as PostgreSQL's binary tsvector (what <c>tsvectorrecv</c> reads): the lexeme count,
/// then per lexeme its UTF-8 text, a NUL and a zero position count. The four fields become one lexeme space through a
/// prefix — <c>=</c> exact keys, <c>~</c> title words, none for body words, <c>#</c> label keys — so one GIN index
/// answers a field-restricted query exactly, without rechecking rows. Every lexeme is qualified by who may read the
/// row (<see cref="SearchReach.Keys"/>, <c>community_~phishing</c>): a reader's query names only its own keys, so it
/// reads only the posting lists of rows it might read, and the planner's statistics of those lexemes count only them.
/// (The <c>@</c> prefix marked the unqualified reach lexemes of the first form; <see cref="QualifySql"/> rewrites it.)
/// Lexemes go in the order PostgreSQL keeps them (byte order of their UTF-8, which for these letters and digits is
/// ordinal order), so the server need not sort.
/// </summary>
internal static class TsVector
{
    public const string ExactPrefix = "=";
    public const string TitlePrefix = "~";
    public const string LabelPrefix = "#";
    public const string ReachPrefix = "@";

    /// <summary>Separates a reach key from the word it qualifies (words never hold it: it is a separator), in both stores.</summary>
    public const char KeySeparator = '_';

    /// <summary>The lexemes, each once per reach key (<see cref="SearchReach.Keys"/>): <c>community_~phishing</c>.</summary>
    public static List<string> Lexemes(SearchDocument document, string[] body, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(keys);
        var count = document.Exact.Length + document.Title.Length + body.Length + document.Labels.Length;
        var lexemes = new List<string>(count * keys.Count);
        foreach (var key in keys)
        {
            var qualifier = key + KeySeparator;
            lexemes.AddRange(document.Exact.Select(t => qualifier + ExactPrefix + t));
            lexemes.AddRange(document.Title.Select(t => qualifier + TitlePrefix + t));
            lexemes.AddRange(body.Select(t => qualifier + t));
            lexemes.AddRange(document.Labels.Select(t => qualifier + LabelPrefix + t));
        }

        lexemes.Sort(StringComparer.Ordinal);
        return lexemes;
    }

    /// <summary>
    /// A lexeme of a query, as the tsquery of the reader holding <paramref name="keys"/>: any of its qualified forms.
    /// </summary>
    public static string Query(string lexeme, bool prefix, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var suffix = prefix ? ":*" : "";
        var forms = keys.Select(k => $"'{k}{KeySeparator}{lexeme}'{suffix}");
        return keys.Count == 1 ? forms.Single() : "( " + string.Join(" | ", forms) + " )";
    }

    /// <summary>
    /// PostgreSQL: rewrites the unqualified search documents (with <c>@</c> reach lexemes) into the qualified form, and
    /// gathers the new lexemes' statistics at once (the search's path is chosen from them).
    /// </summary>
    public static string QualifySql => $"""
        DROP INDEX IF EXISTS ix_stix_objects_search;
        UPDATE stix_objects o SET search_doc = array_to_tsvector(ARRAY(
          SELECT k || '{KeySeparator}' || l FROM unnest(tsvector_to_array(o.search_doc)) l, unnest({SearchReach.KeysSql("o")}) k
          WHERE left(l, 1) <> '{ReachPrefix}'))
        WHERE o.search_doc IS NOT NULL;
        {SearchSchema.PostgresIndex};
        ANALYZE stix_objects;
        """;

    /// <summary>PostgreSQL: the first form back (lexemes without their keys, and the <c>@</c> reach lexemes).</summary>
    public static string UnqualifySql => $"""
        DROP INDEX IF EXISTS ix_stix_objects_search;
        UPDATE stix_objects o SET search_doc = array_to_tsvector(ARRAY(
          SELECT DISTINCT substr(l, strpos(l, '{KeySeparator}') + 1) FROM unnest(tsvector_to_array(o.search_doc)) l
          UNION SELECT unnest(string_to_array({SearchReach.Sql("o", ReachPrefix, postgres: true)}, ' '))))
        WHERE o.search_doc IS NOT NULL;
        {SearchSchema.PostgresIndex};
        """;

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
