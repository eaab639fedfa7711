using System.Text;
using Microsoft.Data.Sqlite;

namespace Concord.Intel.Features.Search;

/// <summary>
/// Adds each stored version's tokens to the FTS5 index (<c>stix_search</c>, contentless: it keeps the index, not the
/// text) in the import's transaction, with one prepared statement. The tokens come from <see cref="SearchDocument"/>,
/// already split, so the index and PostgreSQL's hold the same words, each qualified by who may read the row.
/// </summary>
/// <remarks>
/// The rows are written in runs (<see cref="FlushAsync"/>), not one after each object row: FTS5 writes its pending
/// terms out as a new segment whenever another statement of the transaction opens a savepoint, and the sink's
/// statements on <c>stix_objects</c> do. Written one by one, each version became a segment of its own that FTS5 then
/// merged again and again (ATT&amp;CK into a fresh store: 1.2 s of the writer thread's 3.3 s of CPU; still 1.7 s more
/// CPU in all once the sink ran without triggers). A run is bounded by <see cref="MaxRows"/> and <see cref="MaxChars"/>,
/// so memory stays bounded by the batch.
/// </remarks>
internal sealed class SqliteSearchWriter : IAsyncDisposable
{
    /// <summary>About what FTS5 keeps in memory before it writes a segment anyway (its default hash size is 1 MB).</summary>
    public const int MaxRows = 1_000;

    public const int MaxChars = 1 << 20;

    private const string InsertSql = "INSERT INTO stix_search (rowid, exact, title, body, labels) VALUES ($seq, $exact, $title, $body, $labels)";

    private readonly SqliteCommand _insert;
    private readonly List<Pending> _pending = [];
    private long _chars;

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

    /// <summary>Queues the version stored under <paramref name="seq"/>; written at the latest by the next <see cref="FlushAsync"/>.</summary>
    public async ValueTask AddAsync(long seq, Import.IngestRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Search is not { } document)
        {
            return;
        }

        var keys = SearchReach.Keys(row.OwnerOrgId, row.Tlp, row.Scope, row.AudienceId);
        var pending = new Pending(
            seq,
            Qualified(keys, document.Exact),
            Qualified(keys, document.Title),
            Qualified(keys, SearchDocument.BodyWords(row.Labels, row.Description)),
            Qualified(keys, document.Labels));
        _pending.Add(pending);
        _chars += pending.Exact.Length + pending.Title.Length + pending.Body.Length + pending.Labels.Length;
        if (_pending.Count >= MaxRows || _chars >= MaxChars)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Writes the queued rows, one after the other; the sink calls it before it commits.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var p = _insert.Parameters;
        foreach (var row in _pending)
        {
            p[0].Value = row.Seq;
            p[1].Value = row.Exact;
            p[2].Value = row.Title;
            p[3].Value = row.Body;
            p[4].Value = row.Labels;
            await _insert.ExecuteNonQueryAsync(cancellationToken);
        }

        Clear();
    }

    /// <summary>Forgets the queued rows (the transaction rolled back).</summary>
    public void Clear()
    {
        _pending.Clear();
        _chars = 0;
    }

    public ValueTask DisposeAsync() => _insert.DisposeAsync();

    /// <summary>Each word once per key, as the index's tokens: <c>community_phishing</c>.</summary>
    private static string Qualified(List<string> keys, string[] words)
    {
        var text = new StringBuilder();
        foreach (var key in keys)
        {
            foreach (var word in words)
            {
                text.Append(key).Append(TsVector.KeySeparator).Append(word).Append(' ');
            }
        }

        return text.ToString();
    }

    private sealed record Pending(long Seq, string Exact, string Title, string Body, string Labels);
}
