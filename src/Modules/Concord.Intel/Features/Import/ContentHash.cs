using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Concord.Intel.Features.Import;

/// <summary>
/// What makes two copies of one (id, version) identical: the same JSON tokens in the same order, whitespace and string
/// escapes aside — so the same object received pretty-printed from a file and compact from a TAXII server is one result.
/// The stored bytes stay exactly as received; this hash (16 bytes of SHA-256 over each token's kind and unescaped value)
/// is only compared. Member order still counts: reordered members are a different serialisation, shown as another copy.
/// </summary>
internal static class ContentHash
{
    public const int Length = 16;

    public static byte[] Of(ReadOnlySpan<byte> json)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        Span<byte> kind = stackalloc byte[1];
        Span<byte> size = stackalloc byte[4];
        byte[]? rented = null;
        try
        {
            while (reader.Read())
            {
                kind[0] = (byte)reader.TokenType;
                hash.AppendData(kind);
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                    if (rented is null || rented.Length < length)
                    {
                        if (rented is not null)
                        {
                            ArrayPool<byte>.Shared.Return(rented);
                        }

                        rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 256));
                    }

                    var written = reader.CopyString(rented);
                    System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(size, written);
                    hash.AppendData(size);
                    hash.AppendData(rented.AsSpan(0, written));
                }
                else if (reader.TokenType == JsonTokenType.Number)
                {
                    hash.AppendData(reader.ValueSpan);
                }
            }
        }
        catch (JsonException)
        {
            // Stored objects have been parsed already; should one not be, its exact bytes identify it.
            return SHA256.HashData(json)[..Length];
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return hash.GetHashAndReset()[..Length];
    }
}
