using Microsoft.Data.Sqlite;

namespace Concord.Intel.Features.Search;

/// <summary>
/// Adds each stored version's tokens to the FTS5 index (<c>stix_search</c>, contentless: it keeps the index, not the
/// text) in the import's transaction, with one prepared statement. The tokens come from <see cref="SearchDocument"/>,
/// already split, so the index and PostgreSQL's hold the same words.
/// </summary>
internal sealed class SqliteSearchWriter : IAsyncDisposable
{
    private const string InsertSql = "INSERT INTO stix_search (rowid, exact, title, body, labels, reach) VALUES ($seq, $exact, $title, $body, $labels, $reach)";

    private readonly SqliteCommand _insert;

    public SqliteSearchWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _insert = connection.CreateCommand();
        _insert.Transaction = transaction;
        _insert.CommandText = InsertSql;
        foreach (var name in new[] { "$seq", "$exact", "$title", "$body", "$labels", "$reach" })
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

        var p = _insert.Parameters;
        p[0].Value = seq;
        p[1].Value = string.Join(' ', document.Exact);
        p[2].Value = string.Join(' ', document.Title);
        p[3].Value = SearchDocument.BodyText(row.Labels, row.Description);
        p[4].Value = string.Join(' ', document.Labels);
        p[5].Value = string.Join(' ', SearchReach.Of(row.OwnerOrgId, row.Tlp, row.Scope, row.AudienceId));
        await _insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _insert.DisposeAsync();
}
