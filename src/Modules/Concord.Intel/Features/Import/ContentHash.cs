using System.Buffers;
using System.Buffers.Binary;
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

    // The canonical token stream is gathered in one buffer and hashed in one call: feeding SHA-256 three small pieces per
    // token cost more than the hashing (an interop call each). Objects larger than this are fed in chunks of it.
    private const int ChunkBytes = 64 * 1024;

    public static byte[] Of(ReadOnlySpan<byte> json)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(json.Length + 256, ChunkBytes));
        IncrementalHash? chunks = null;
        var used = 0;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            while (reader.Read())
            {
                // An unescaped string is never longer than its escaped form, so the raw length bounds what is copied.
                var isString = reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName;
                var value = isString || reader.TokenType == JsonTokenType.Number ? reader.ValueSpan.Length : 0;
                var needed = 1 + (isString ? 4 : 0) + value;
                if (used + needed > buffer.Length)
                {
                    chunks ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    chunks.AppendData(buffer.AsSpan(0, used));
                    used = 0;
                    if (needed > buffer.Length)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(needed);
                    }
                }

                buffer[used++] = (byte)reader.TokenType;
                if (isString)
                {
                    var written = reader.CopyString(buffer.AsSpan(used + 4));
                    BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(used), written);
                    used += 4 + written;
                }
                else if (reader.TokenType == JsonTokenType.Number)
                {
                    reader.ValueSpan.CopyTo(buffer.AsSpan(used));
                    used += value;
                }
            }

            if (chunks is null)
            {
                Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(buffer.AsSpan(0, used), digest);
                return digest[..Length].ToArray();
            }

            chunks.AppendData(buffer.AsSpan(0, used));
            return chunks.GetHashAndReset()[..Length];
        }
        catch (JsonException)
        {
            // Stored objects have been parsed already; should one not be, its exact bytes identify it.
            return SHA256.HashData(json)[..Length];
        }
        finally
        {
            chunks?.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
