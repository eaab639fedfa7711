using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Concord.Observables;

namespace Concord.Intel.Features.Correlation;

/// <summary>
/// The compact binary key an observable is indexed under. Keys compare as bytes (SQLite BLOB and PostgreSQL bytea
/// both use memcmp), and IP keys are laid out so that byte order is address order:
/// <list type="bullet">
/// <item>IPv4 (including IPv4-mapped IPv6): <c>0x01</c>, the 4-byte address, the prefix length 0–32 (6 bytes).</item>
/// <item>IPv6: <c>0x03</c>, the 16-byte address, the prefix length 0–128 (18 bytes).</item>
/// <item>Every other kind: 7 bytes of the SHA-256 of the kind and the canonical text, with the top bit set (so they
/// never look like an IP key): 55 bits of hash.</item>
/// </list>
/// Seven bytes is what the size budget buys: with a one-byte length header they make an 8-byte field, so a PostgreSQL
/// row (23-byte header, key, 8-byte seq) packs into 40 bytes with no alignment padding, and the primary key's entries
/// into 24 — about 84 bytes an entry in all, 2.7 times the text of a typical feed's values. A longer key costs 16 more
/// bytes an entry at the first byte over. Two different values share a key with probability 2⁻⁵⁵: among 10 million
/// indexed values, a lookup finds a false match about once in 3.6 billion lookups. The value's text is not stored in
/// the index: it is kept once, in the object's JSON.
/// </summary>
internal static class ObservableKey
{
    public const byte V4Space = (byte)ObservableKind.Ipv4Address;
    public const byte V6Space = (byte)ObservableKind.Ipv6Address;

    /// <summary>The length of the key of every observable that is not an IP address or network.</summary>
    public const int HashedLength = 7;

    private const byte Hashed = 0x80;

    /// <summary>The key of a canonical observable.</summary>
    public static byte[] Of(Observable observable)
    {
        var kind = observable.Kind;
        if (kind.IsIp())
        {
            return IpText.TryParseNetwork(observable.Value, out var network, out _)
                ? Of(network)
                : throw new ArgumentException("Not a canonical IP observable.", nameof(observable));
        }

        var length = Encoding.UTF8.GetByteCount(observable.Value);
        var text = length <= 256 ? stackalloc byte[1 + length] : new byte[1 + length];
        text[0] = (byte)kind;
        Encoding.UTF8.GetBytes(observable.Value, text[1..]);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(text, digest);
        var key = digest[..HashedLength].ToArray();
        key[0] |= Hashed;
        return key;
    }

    /// <summary>The key of an address or network in the unified 128-bit space.</summary>
    public static byte[] Of(IpNetwork network)
    {
        if (network.IsV4)
        {
            var key = new byte[6];
            key[0] = V4Space;
            BinaryPrimitives.WriteUInt32BigEndian(key.AsSpan(1), (uint)network.First);
            key[5] = (byte)(network.Prefix - 96);
            return key;
        }

        var v6 = new byte[18];
        v6[0] = V6Space;
        BinaryPrimitives.WriteUInt128BigEndian(v6.AsSpan(1), network.First);
        v6[17] = (byte)network.Prefix;
        return v6;
    }

    /// <summary>The (space, prefix length in the space's own terms) a network is indexed under.</summary>
    public static (short Space, short Prefix) PrefixOf(IpNetwork network) =>
        network.IsV4 ? (V4Space, (short)(network.Prefix - 96)) : (V6Space, (short)network.Prefix);

    /// <summary>Reads an IP key back, or null for any other key.</summary>
    public static IpNetwork? ToNetwork(ReadOnlySpan<byte> key) => key switch
    {
        [V4Space, _, _, _, _, var prefix] => new IpNetwork(IpNetwork.MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(key[1..]), prefix + 96),
        { Length: 18 } when key[0] == V6Space => new IpNetwork(BinaryPrimitives.ReadUInt128BigEndian(key[1..]), key[17]),
        _ => null,
    };

    /// <summary>The first and last keys of every address and network inside <paramref name="network"/> (itself included).</summary>
    public static IEnumerable<(byte[] Low, byte[] High)> RangesInside(IpNetwork network)
    {
        if (network.IsV4)
        {
            var low = Of(network);
            var high = Of(new IpNetwork(network.Last, 128));
            high[5] = 0xFF;
            yield return (low, high);
            yield break;
        }

        var first = Of(network);
        var last = Of(new IpNetwork(network.Last, 128));
        last[17] = 0xFF;
        yield return (first, last);

        // A wider IPv6 network may contain the IPv4-mapped block (::ffff:0:0/96), whose members are keyed as IPv4.
        var mapped = new IpNetwork(IpNetwork.MappedPrefix, 96);
        if (network.Contains(mapped))
        {
            yield return ([V4Space], [V4Space, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        }
    }
}
