namespace Concord.Intel.Features.Search;

/// <summary>
/// The text index's tables and the backfill of a store that existed before it (the migration's SQL). New rows get their
/// tokens from <see cref="SearchDocument"/> at ingest; rows already stored get theirs here, from the same fields, split
/// by the database: the same words for ASCII text (for other scripts SQLite's tokenizer and PostgreSQL's locale decide).
/// </summary>
internal static class SearchSchema
{
    /// <summary>ASCII characters that end a word: removed from a key, as <see cref="SearchDocument.Key"/> does.</summary>
    private const string Separators = " \t\r\n!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    public const string SqliteCreate = """
        CREATE VIRTUAL TABLE stix_search USING fts5(exact, title, body, labels, reach,
          content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')
        """;

    public const string SqliteDrop = "DROP TABLE IF EXISTS stix_search";

    /// <summary>
    /// The FTS5 table whose tokens are qualified by who may read their row (<see cref="SearchReach.Keys"/>:
    /// <c>community_phishing</c>, the underscore a token character), so a search reads only its reader's doclists; and
    /// the first form's index rewritten into it, token by token, read back through <c>fts5vocab</c>.
    /// </summary>
    public static string SqliteQualify => $"""
        CREATE VIRTUAL TABLE stix_search_qualified USING fts5(exact, title, body, labels,
          content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0 tokenchars ''{TsVector.KeySeparator}''');
        CREATE VIRTUAL TABLE temp.stix_search_terms USING fts5vocab(main, stix_search, instance);
        INSERT INTO stix_search_qualified (rowid, exact, title, body, labels)
        SELECT t.doc,
          group_concat(CASE WHEN t.col = 'exact' THEN k.value || '{TsVector.KeySeparator}' || t.term END, ' '),
          group_concat(CASE WHEN t.col = 'title' THEN k.value || '{TsVector.KeySeparator}' || t.term END, ' '),
          group_concat(CASE WHEN t.col = 'body' THEN k.value || '{TsVector.KeySeparator}' || t.term END, ' '),
          group_concat(CASE WHEN t.col = 'labels' THEN k.value || '{TsVector.KeySeparator}' || t.term END, ' ')
        FROM temp.stix_search_terms t
        JOIN stix_objects o ON o.seq = t.doc
        JOIN json_each({SearchReach.SqliteKeysSql("o")}) k
        WHERE t.col <> 'reach'
        GROUP BY t.doc;
        DROP TABLE temp.stix_search_terms;
        DROP TABLE stix_search;
        ALTER TABLE stix_search_qualified RENAME TO stix_search;
        """;

    /// <summary>Back to the first form: rebuilt from the rows, as the migration that made it did.</summary>
    public static string SqliteUnqualify => $"""
        DROP TABLE IF EXISTS stix_search;
        {SqliteCreate};
        {SqliteBackfill};
        """;

    /// <summary>Every stored version into the FTS5 index, its external ids and aliases read from its JSON.</summary>
    public static string SqliteBackfill => $"""
        INSERT INTO stix_search (rowid, exact, title, body, labels, reach)
        SELECT o.seq,
          (SELECT group_concat({SqliteKey("v.value")}, ' ') FROM (
             SELECT json_extract(r.value, '$.external_id') AS value FROM json_each(CAST(o.json AS TEXT), '$.external_references') r
             UNION ALL SELECT a.value FROM json_each(CAST(o.json AS TEXT), '$.aliases') a
             UNION ALL SELECT a.value FROM json_each(CAST(o.json AS TEXT), '$.x_mitre_aliases') a
             UNION ALL SELECT o.name WHERE o.type IN ({NamedTypes}) OR o.type LIKE 'x-mitre-%') v WHERE v.value IS NOT NULL),
          concat_ws(' ', o.name,
            (SELECT group_concat(json_extract(r.value, '$.external_id'), ' ') FROM json_each(CAST(o.json AS TEXT), '$.external_references') r),
            (SELECT group_concat(a.value, ' ') FROM json_each(CAST(o.json AS TEXT), '$.aliases') a),
            (SELECT group_concat(a.value, ' ') FROM json_each(CAST(o.json AS TEXT), '$.x_mitre_aliases') a)),
          concat_ws(' ', replace(o.labels, '|', ' '), substr(o.description, 1, {SearchDocument.MaxDescription})),
          replace({SqliteKey("o.labels", keep: '|')}, '|', ' '),
          {SearchReach.Sql("o", "", postgres: false)}
        FROM stix_objects o
        """;

    public const string PostgresCreate = "ALTER TABLE stix_objects ADD search_doc tsvector";

    public const string PostgresIndex = "CREATE INDEX ix_stix_objects_search ON stix_objects USING gin (search_doc)";

    public const string PostgresDrop = "DROP INDEX IF EXISTS ix_stix_objects_search; ALTER TABLE stix_objects DROP COLUMN IF EXISTS search_doc";

    /// <summary>Every stored version's lexemes, prefixed as <see cref="TsVector"/> writes them.</summary>
    public static string PostgresBackfill => $"""
        UPDATE stix_objects o SET search_doc = array_to_tsvector(ARRAY(
          SELECT DISTINCT t FROM (
            SELECT '=' || regexp_replace(lower(v), '{PostgresSeparators}', '', 'g') AS t FROM unnest(x.exact) v
            UNION ALL SELECT '~' || w FROM unnest(regexp_split_to_array(lower(concat_ws(' ', o.name, x.ids, x.aliases)), '{PostgresSeparators}')) w
            UNION ALL SELECT w FROM unnest(regexp_split_to_array(lower(concat_ws(' ', replace(o.labels, '|', ' '), left(o.description, {SearchDocument.MaxDescription}))), '{PostgresSeparators}')) w
            UNION ALL SELECT '#' || regexp_replace(lower(l), '{PostgresSeparators}', '', 'g') FROM unnest(string_to_array(trim(both '|' from o.labels), '|')) l
            UNION ALL SELECT unnest(string_to_array({SearchReach.Sql("o", TsVector.ReachPrefix, postgres: true)}, ' '))
          ) a WHERE t NOT IN ('', '=', '~', '#') AND length(t) <= {SearchDocument.MaxToken + 1}))
        FROM stix_objects s
        CROSS JOIN LATERAL (SELECT CASE WHEN position('"external_id"'::bytea IN s.json) > 0 OR position('aliases"'::bytea IN s.json) > 0
          THEN convert_from(s.json, 'UTF8')::json END AS j) jj
        CROSS JOIN LATERAL (
          SELECT string_agg(v.e, ' ') FILTER (WHERE v.k = 'i') AS ids, string_agg(v.e, ' ') FILTER (WHERE v.k = 'a') AS aliases,
            array_agg(v.e) FILTER (WHERE v.e IS NOT NULL AND (v.k <> 'n' OR s.type IN ({NamedTypes}) OR s.type LIKE 'x-mitre-%')) AS exact
          FROM (SELECT 'i' AS k, r ->> 'external_id' AS e FROM json_array_elements(CASE WHEN json_typeof(jj.j -> 'external_references') = 'array' THEN jj.j -> 'external_references' END) r
                UNION ALL SELECT 'a', a FROM json_array_elements_text(CASE WHEN json_typeof(jj.j -> 'aliases') = 'array' THEN jj.j -> 'aliases' END) a
                UNION ALL SELECT 'a', a FROM json_array_elements_text(CASE WHEN json_typeof(jj.j -> 'x_mitre_aliases') = 'array' THEN jj.j -> 'x_mitre_aliases' END) a
                UNION ALL SELECT 'n', s.name) v) x
        WHERE s.seq = o.seq
        """;

    private const string PostgresSeparators = "[[:space:][:punct:][:cntrl:]]+";

    private const string NamedTypes = "'attack-pattern', 'campaign', 'course-of-action', 'grouping', 'identity', 'infrastructure', 'intrusion-set', " +
        "'location', 'malware', 'malware-analysis', 'report', 'threat-actor', 'tool', 'vulnerability'";

    /// <summary>A SQL expression: <paramref name="value"/> lower-cased without the ASCII separators (but <paramref name="keep"/>).</summary>
    private static string SqliteKey(string value, char keep = '\0')
    {
        var sql = $"lower({value})";
        foreach (var c in Separators.Where(c => c != keep))
        {
            sql = $"replace({sql}, {SqliteChar(c)}, '')";
        }

        return sql;
    }

    private static string SqliteChar(char c) => c switch
    {
        '\'' => "''''",
        '\t' => "char(9)",
        '\r' => "char(13)",
        '\n' => "char(10)",
        _ => $"'{c}'",
    };
}
