using System.Buffers.Binary;
using System.Text;

namespace Concord.Intel.Features.Import;

/// <summary>
/// A batch of rows of one owner with distinct ids, encoded as they are added in PostgreSQL's binary COPY format (per row a field
/// count, then per field a length, -1 for NULL, and the value in network byte order), with <c>latest</c> and
/// <c>sole_copy</c> set (the writer clears the latter on ids another organisation holds). Only the
/// bytes and the ids are kept, so an object's parsed form dies young instead of waiting for its batch, and a batch
/// goes to the server in a few large writes. Npgsql's per-value importer resolved a converter and ran an async state
/// machine per value, which cost more than the bytes themselves on this hot path.
/// </summary>
internal sealed class CopyBatch(Correlation.PrefixCache prefixes)
{
    /// <summary>The signature <c>PGCOPY\n\xff\r\n\0</c>, no flags, no header extension.</summary>
    private static readonly byte[] Header = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    private static readonly byte[] Trailer = [0xFF, 0xFF];

    /// <summary>The columns of a row, in the order they are encoded.</summary>
    public const string Columns = "seq, stix_id, type, spec_version, created, modified, created_us, modified_us, version_us, revoked, created_by_ref, name, description, labels, date_added_us, owner_org_id, tlp, scope, audience_id, json, content_hash, latest, sole_copy, search_doc";

    private const short Fields = 24;

    private readonly List<string> _ids = [];
    private readonly HashSet<string> _idSet = new(StringComparer.Ordinal);
    private readonly List<int> _starts = [];
    private byte[] _buffer = new byte[1 << 20];
    private int _length;

    public int Count => _ids.Count;

    /// <summary>Encoded bytes held.</summary>
    public int Bytes => _length;

    /// <summary>The ids in the order their rows were added.</summary>
    public List<string> Ids => _ids;

    public bool Contains(string id) => _idSet.Contains(id);

    /// <summary>The organisation owning every row of the batch (the ingest probe asks which ids this owner already holds).</summary>
    public Guid Owner { get; private set; }

    /// <summary>The correlation index keys of the batch's rows, written after the rows themselves.</summary>
    public PostgresObservableWriter Observables { get; } = new(prefixes);

    public void Add(IngestRow row, long seq, long dateAddedUs)
    {
        if (_ids.Count > 0 && row.OwnerOrgId != Owner)
        {
            throw new InvalidOperationException("A batch holds the rows of one owner.");
        }

        if (!_idSet.Add(row.StixId))
        {
            throw new InvalidOperationException("A batch holds one version of an id.");
        }

        Owner = row.OwnerOrgId;

        _ids.Add(row.StixId);
        _starts.Add(_length);
        Observables.Add(seq, row);
        var lexemes = row.Search is null ? null : Search.TsVector.Lexemes(
            row.Search, Search.SearchDocument.BodyWords(row.Labels, row.Description), Search.SearchReach.Keys(row.OwnerOrgId, row.Tlp, row.Scope, row.AudienceId));
        Reserve(MaxBytes(row) + 4 + Search.TsVector.MaxBytes(lexemes));
        Int16(Fields);
        Int64(seq);
        Text(row.StixId);
        Text(row.Type);
        Text(row.SpecVersion);
        Text(row.Created);
        Text(row.Modified);
        Int64(row.CreatedUs);
        Int64(row.ModifiedUs);
        Int64(row.VersionUs);
        Boolean(row.Revoked);
        Text(row.CreatedByRef);
        Text(row.Name);
        Text(row.Description);
        Text(row.Labels);
        Int64(dateAddedUs);
        Uuid(row.OwnerOrgId);
        Int32((int)row.Tlp);
        Int32((int)row.Scope);
        Uuid(row.AudienceId);
        Bytea(row.Json.Span);
        Bytea(row.ContentHash);
        Boolean(true);
        Boolean(true);
        TsVector(lexemes);
    }

    public void Clear()
    {
        Observables.Clear();
        _ids.Clear();
        _idSet.Clear();
        _starts.Clear();
        _length = 0;
    }

    /// <summary>Writes a whole COPY stream: the header, the rows whose id <paramref name="include"/> accepts (all when null), the trailer.</summary>
    public async Task WriteToAsync(Stream copy, Func<string, bool>? include, CancellationToken cancellationToken)
    {
        await copy.WriteAsync(Header, cancellationToken);
        var run = -1;
        for (var i = 0; i <= _ids.Count; i++)
        {
            var included = i < _ids.Count && (include is null || include(_ids[i]));
            if (included && run < 0)
            {
                run = i;
            }
            else if (!included && run >= 0)
            {
                var end = i < _ids.Count ? _starts[i] : _length;
                await copy.WriteAsync(_buffer.AsMemory(_starts[run], end - _starts[run]), cancellationToken);
                run = -1;
            }
        }

        await copy.WriteAsync(Trailer, cancellationToken);
    }

    /// <summary>The most a row can take encoded: fixed-size fields, then text as at most three UTF-8 bytes per char.</summary>
    private static int MaxBytes(IngestRow row) =>
        2 + (12 * 6) + (8 * 2) + (20 * 2) + (5 * 3)
        + MaxBytes(row.StixId) + MaxBytes(row.Type) + MaxBytes(row.SpecVersion) + MaxBytes(row.Created) + MaxBytes(row.Modified)
        + MaxBytes(row.CreatedByRef) + MaxBytes(row.Name) + MaxBytes(row.Description) + MaxBytes(row.Labels)
        + 4 + row.Json.Length + 4 + ContentHash.Length;

    private static int MaxBytes(string? text) => 4 + (text is null ? 0 : Encoding.UTF8.GetMaxByteCount(text.Length));

    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }

    private void Null() => BinaryPrimitives.WriteInt32BigEndian(Span(4), -1);

    private void Int16(short value) => BinaryPrimitives.WriteInt16BigEndian(Span(2), value);

    private void Int64(long value)
    {
        var span = Span(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
    }

    private void Int64(long? value)
    {
        if (value is { } v)
        {
            Int64(v);
        }
        else
        {
            Null();
        }
    }

    private void Int32(int value)
    {
        var span = Span(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
    }

    private void Boolean(bool value)
    {
        var span = Span(5);
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        span[4] = value ? (byte)1 : (byte)0;
    }

    /// <summary>A uuid in the RFC 4122 byte order PostgreSQL stores.</summary>
    private void Uuid(Guid? value)
    {
        if (value is not { } v)
        {
            Null();
            return;
        }

        var span = Span(20);
        BinaryPrimitives.WriteInt32BigEndian(span, 16);
        v.TryWriteBytes(span[4..], bigEndian: true, out _);
    }

    private void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    private void TsVector(List<string>? lexemes)
    {
        if (lexemes is null)
        {
            Null();
            return;
        }

        var written = Search.TsVector.Write(_buffer.AsSpan(_length + 4), lexemes);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    private void Bytea(ReadOnlySpan<byte> value)
    {
        var span = Span(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, value.Length);
        value.CopyTo(span[4..]);
    }

    private Span<byte> Span(int length)
    {
        var span = _buffer.AsSpan(_length, length);
        _length += length;
        return span;
    }
}
