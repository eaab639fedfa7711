using System.Buffers.Binary;
using System.Buffers.Text;

namespace Concord.Intel.Endpoints;

/// <summary>Opaque page cursors: the last sequence number seen, so paging is stable while objects are added.</summary>
internal static class Cursor
{
    public static string Encode(long seq)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, seq);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? cursor, out long? seq)
    {
        seq = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        Span<byte> bytes = stackalloc byte[9];
        if (cursor.Length > 12 || !Base64Url.IsValid(cursor) || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != 8)
        {
            return false;
        }

        seq = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return seq >= 0;
    }
}
