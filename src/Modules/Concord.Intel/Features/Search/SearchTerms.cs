using Concord.Platform;

namespace Concord.Intel.Features.Search;

/// <summary>
/// A text query and a label filter, turned into match expressions for the store's index: an FTS5 query over the
/// columns of <c>stix_search</c> (SQLite) or a tsquery over the prefixed lexemes of <c>search_doc</c> (PostgreSQL).
/// Words match whole words; a word ending in <c>*</c> matches as a prefix. Every word must match.
/// </summary>
/// <remarks>
/// Relevance is a tier, best first, computed from the object's own text alone (so nothing the reader may not see can
/// move it): 3 — the query is one of the object's external ids, aliases or its name (<c>T1566</c> is Phishing's id);
/// 2 — every word is in the name, aliases or external ids; 1 — every word is somewhere (labels and description too).
/// </remarks>
internal sealed class SearchTerms
{
    public const int MaxWords = 16;

    private SearchTerms(List<(string Word, bool Prefix)> words, string? key, string? label, bool textGiven, IReadOnlyList<string>? reach = null) =>
        (Words, Key, Label, _textGiven, _reach) = (words, key, label, textGiven, reach);

    /// <summary>The reader's reach keys, which qualify every word of a query (<see cref="TsVector.Query"/>, <see cref="Fts"/>).</summary>
    private readonly IReadOnlyList<string>? _reach;

    /// <summary>Text was given: text without a single word (<c>q=!!!</c>) then matches nothing rather than everything.</summary>
    private readonly bool _textGiven;

    public IReadOnlyList<(string Word, bool Prefix)> Words { get; }

    /// <summary>The whole query as one key (for the exact tier), or null without text.</summary>
    public string? Key { get; }

    /// <summary>The label filter as a key, or null without one.</summary>
    public string? Label { get; }

    public bool HasText => Words.Count > 0 || Key is not null;

    /// <summary>Null when the query searches neither text nor labels.</summary>
    public static SearchTerms? From(string? text, string? label)
    {
        var words = new List<(string, bool)>();
        foreach (var part in (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var prefix = part.EndsWith('*');
            var partWords = SearchDocument.Words(part).ToList();
            for (var i = 0; i < partWords.Count && words.Count < MaxWords; i++)
            {
                words.Add((partWords[i], prefix && i == partWords.Count - 1));
            }
        }

        var key = string.IsNullOrWhiteSpace(text) ? null : SearchDocument.Key(text);
        var labelKey = label is null ? null : SearchDocument.Key(label);
        var textGiven = !string.IsNullOrWhiteSpace(text);
        return !textGiven && label is null ? null : new SearchTerms(words, string.IsNullOrEmpty(key) ? null : key, labelKey, textGiven);
    }

    /// <summary>The same terms, matched only among rows a reader holding <paramref name="reach"/> might read (<see cref="SearchReach.For"/>).</summary>
    public SearchTerms Within(IReadOnlyList<string> reach) => new([.. Words], Key, Label, _textGiven, reach);

    /// <summary>What a query without relevance order matches: the exact tier or every word anywhere, and the label.</summary>
    public string? Any(StorageProvider provider) =>
        _textGiven && !HasText ? null : WithLabel(provider, HasText ? Or(provider, ExactMatch(provider), Anywhere(provider)) : null);

    /// <summary>The match of one relevance tier (3, 2, 1), exclusive of the better ones; null when it cannot match.</summary>
    public string? Tier(int tier, StorageProvider provider)
    {
        if (!HasText)
        {
            return null;
        }

        var exact = ExactMatch(provider);
        var title = Words.Count == 0 ? null : And(provider, Words.Select(w => Word(provider, w, TitleColumn)));
        var match = tier switch
        {
            3 => exact,
            2 => But(provider, title, exact),
            _ => But(provider, But(provider, Anywhere(provider), title), exact),
        };
        return WithLabel(provider, match);
    }

    private const string TitleColumn = "title";

    private string? ExactMatch(StorageProvider provider) =>
        Key is null ? null : provider == StorageProvider.Postgres ? Quote(TsVector.ExactPrefix + Key) : Fts("exact", Key);

    private string? Anywhere(StorageProvider provider) =>
        Words.Count == 0 ? null : And(provider, Words.Select(w => Word(provider, w, "title body")));

    /// <summary>A label filter with text needs both; the label's exact spelling is checked again on the row.</summary>
    private string? WithLabel(StorageProvider provider, string? match)
    {
        if (Label is null)
        {
            return match;
        }

        var label = Label.Length == 0 ? null : provider == StorageProvider.Postgres ? Quote(TsVector.LabelPrefix + Label) : Fts("labels", Label);
        return label is null ? null : HasText ? (match is null ? null : And(provider, [match, label])) : label;
    }

    /// <summary>One word in the given FTS5 columns, or its lexemes in PostgreSQL (a title word carries the <c>~</c> prefix).</summary>
    private string Word(StorageProvider provider, (string Word, bool Prefix) word, string columns)
    {
        if (provider != StorageProvider.Postgres)
        {
            return Fts(columns, word.Word, word.Prefix);
        }

        var title = Quote(TsVector.TitlePrefix + word.Word, word.Prefix);
        return columns == TitleColumn ? title : $"( {Quote(word.Word, word.Prefix)} | {title} )";
    }

    /// <summary>A PostgreSQL lexeme as the reader may match it; a query of no reader is refused rather than run over every row.</summary>
    private string Quote(string lexeme, bool prefix = false) => TsVector.Query(lexeme, prefix, Reach);

    /// <summary>An FTS5 token in some columns, as the reader may match it: any of its qualified forms.</summary>
    private string Fts(string columns, string token, bool prefix = false) =>
        $"{{{columns}}} : ( " + string.Join(" OR ", Reach.Select(k => $"\"{k}{TsVector.KeySeparator}{token}\"{(prefix ? " *" : "")}")) + " )";

    private IReadOnlyList<string> Reach => _reach ?? throw new InvalidOperationException("a search names its reader's reach (Within)");

    private static string? And(StorageProvider provider, IEnumerable<string> parts) =>
        string.Join(provider == StorageProvider.Postgres ? " & " : " AND ", parts.Select(p => $"( {p} )"));

    private static string? Or(StorageProvider provider, string? a, string? b) =>
        a is null ? b : b is null ? a : $"( {a} ) {(provider == StorageProvider.Postgres ? "|" : "OR")} ( {b} )";

    /// <summary>Matches of <paramref name="a"/> that are not matches of <paramref name="b"/>.</summary>
    private static string? But(StorageProvider provider, string? a, string? b) =>
        a is null ? null : b is null ? a : provider == StorageProvider.Postgres ? $"( {a} ) & !( {b} )" : $"( {a} ) NOT ( {b} )";
}
