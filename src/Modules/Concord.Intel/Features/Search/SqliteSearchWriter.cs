using Microsoft.Data.Sqlite;

namespace Concord.Intel.Features.Search;

/// <summary>
/// Adds each stored version's tokens to the FTS5 index (<c>stix_search</c>, contentless: it keeps the index, not the
/// text) in the import's transaction, with one prepared statement. The tokens come from <see cref="SearchDocument"/>,
/// already split, so the index and PostgreSQL's hold the same words, each qualified by who may read the row.
/// </summary>
internal sealed class SqliteSearchWriter : IAsyncDisposable
{
    private const string InsertSql = "INSERT INTO stix_search (rowid, exact, title, body, labels) VALUES ($seq, $exact, $title, $body, $labels)";

    private readonly SqliteCommand _insert;

    public SqliteSearchWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _insert = connection.CreateCommand();
        _insert.Transaction = transaction;
        _insert.CommandText = InsertSql;
        foreach (var name in new[] { "$seq", "$exact", "$title", "$body", "$labels" })
        {
            _insert.Parameters.Add(new SqliteParameter(name, null));
        }

        _insert.Prepare();
    }

    public SqliteTransaction? Transaction
    {
        set => _insert.Transaction = value;
    }

    public async Task AddAsync(long seq, Import.IngestRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Search is not { } document)
        {
            return;
        }

        var keys = SearchReach.Keys(row.OwnerOrgId, row.Tlp, row.Scope, row.AudienceId);
        var p = _insert.Parameters;
        p[0].Value = seq;
        p[1].Value = Qualified(keys, document.Exact);
        p[2].Value = Qualified(keys, document.Title);
        p[3].Value = Qualified(keys, SearchDocument.BodyWords(row.Labels, row.Description));
        p[4].Value = Qualified(keys, document.Labels);
        await _insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Each word once per key, as the index's tokens: <c>community_phishing</c>.</summary>
    private static string Qualified(List<string> keys, string[] words)
    {
        var text = new System.Text.StringBuilder();
        foreach (var key in keys)
        {
            foreach (var word in words)
            {
                text.Append(key).Append(TsVector.KeySeparator).Append(word).Append(' ');
            }
        }

        return text.ToString();
    }

    public ValueTask DisposeAsync() => _insert.DisposeAsync();
}
