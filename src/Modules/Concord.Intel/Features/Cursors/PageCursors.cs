using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Concord.Access;

namespace Concord.Intel.Features.Cursors;

/// <summary>
/// <see cref="IPageCursors"/> with AES-256-GCM: version byte, random 96-bit nonce, the 8-byte position encrypted, and
/// the 128-bit tag, base64url (50 characters). The associated data binds the cursor to the reader (its organisation, or
/// the peer node, or anonymous) and to the query, so it opens for nobody else and for nothing else.
/// </summary>
internal sealed class PageCursors(NodeKeys keys) : IPageCursors
{
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int Length = 1 + NonceBytes + sizeof(long) + TagBytes;

    public string Issue(long position, Principal reader, string query)
    {
        Span<byte> token = stackalloc byte[Length];
        token[0] = Version;
        var nonce = token.Slice(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> plain = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(plain, position);
        using var aes = new AesGcm(keys.Cursors, TagBytes);
        aes.Encrypt(nonce, plain, token.Slice(1 + NonceBytes, sizeof(long)), token[^TagBytes..], Bound(reader, query));
        return Base64Url.EncodeToString(token);
    }

    public bool TryRead(string? cursor, Principal reader, string query, out long position)
    {
        position = 0;
        Span<byte> token = stackalloc byte[Length + 1];
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 2 * Length || !Base64Url.IsValid(cursor)
            || !Base64Url.TryDecodeFromChars(cursor, token, out var written) || written != Length || token[0] != Version)
        {
            return false;
        }

        Span<byte> plain = stackalloc byte[sizeof(long)];
        try
        {
            using var aes = new AesGcm(keys.Cursors, TagBytes);
            aes.Decrypt(token.Slice(1, NonceBytes), token.Slice(1 + NonceBytes, sizeof(long)), token.Slice(1 + NonceBytes + sizeof(long), TagBytes), plain, Bound(reader, query));
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        position = BinaryPrimitives.ReadInt64BigEndian(plain);
        return position >= 0;
    }

    private static byte[] Bound(Principal reader, string query)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(query);
        var who = reader.Kind switch
        {
            PrincipalKind.Member when reader.OrganisationId is { } org => "org:" + org.ToString("N"),
            PrincipalKind.Member => "member:" + reader.Name,
            PrincipalKind.PeerNode => "peer:" + reader.Name,
            _ => "anonymous",
        };
        return Encoding.UTF8.GetBytes("concord-cursor\n" + who + "\n" + query);
    }
}
