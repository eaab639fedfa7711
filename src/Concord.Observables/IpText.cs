using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Concord.Observables;

/// <summary>Strict parsing and canonical printing of IPv4 and IPv6 addresses and CIDR networks.</summary>
public static class IpText
{
    /// <summary>Parses <c>address</c> or <c>address/prefix</c> of either family; the reason says what is wrong.</summary>
    public static bool TryParseNetwork(ReadOnlySpan<char> text, out IpNetwork network, out string? reason)
    {
        network = default;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(addressText, out var address, out _, out reason))
        {
            return false;
        }

        // The prefix counts in the family the address was written in: ::ffff:192.0.2.0/120 is a /24 of IPv4.
        var isV4 = addressText.IndexOf(':') < 0;

        var max = isV4 ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && !(int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= max))
        {
            reason = $"the prefix length must be a number from 0 to {max}";
            return false;
        }

        network = IpNetwork.Create(address, isV4 ? prefix + 96 : prefix);
        return true;
    }

    /// <summary>Parses one address into the unified 128-bit space (IPv4 as IPv4-mapped).</summary>
    public static bool TryParseAddress(ReadOnlySpan<char> text, out UInt128 address, out bool isV4, out string? reason)
    {
        address = default;
        isV4 = text.IndexOf(':') < 0;
        if (isV4)
        {
            if (!TryParseV4(text, out var v4, out reason))
            {
                return false;
            }

            address = IpNetwork.MappedPrefix | v4;
            return true;
        }

        // Zone indexes name an interface on one host; they mean nothing to anyone else, so they are not indicators.
        if (text.IndexOfAny('%', '[', ']') >= 0 || !IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            reason = "not an IPv6 address";
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        ip.TryWriteBytes(bytes, out _);
        address = new UInt128(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        isV4 = (address >> 32) == 0xFFFF;
        reason = null;
        return true;
    }

    /// <summary>
    /// Exactly four decimal octets. Shorter forms (<c>10.1</c>), hex and leading zeros are refused: inet_aton reads
    /// <c>010</c> as octal 8, so such text means different hosts to different tools and cannot be normalised safely.
    /// </summary>
    public static bool TryParseV4(ReadOnlySpan<char> text, out uint value, out string? reason)
    {
        value = 0;
        reason = "not a dotted-quad IPv4 address";
        var octets = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (++octets > 4 || part.IsEmpty || part.Length > 3 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet) || octet > 255)
            {
                return false;
            }

            if (part.Length > 1 && part[0] == '0')
            {
                reason = "an octet has a leading zero, which some tools read as octal";
                return false;
            }

            value = (value << 8) | (uint)octet;
        }

        reason = octets == 4 ? null : reason;
        return octets == 4;
    }

    public static string FormatV4(uint value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value >> 24}.{(value >> 16) & 0xFF}.{(value >> 8) & 0xFF}.{value & 0xFF}");

    /// <summary>RFC 5952: lower-case hex, no leading zeros, the longest run (first on a tie) of two or more zero groups as <c>::</c>.</summary>
    public static string FormatV6(UInt128 value)
    {
        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = (ushort)(value >> (112 - (16 * i)));
        }

        int bestStart = -1, bestLength = 1;
        for (var i = 0; i < 8;)
        {
            var j = i;
            while (j < 8 && groups[j] == 0)
            {
                j++;
            }

            if (j - i > bestLength)
            {
                (bestStart, bestLength) = (i, j - i);
            }

            i = j == i ? i + 1 : j;
        }

        var builder = new StringBuilder(39);
        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                builder.Append("::");
                i += bestLength - 1;
                continue;
            }

            if (i > 0 && i != bestStart + bestLength)
            {
                builder.Append(':');
            }

            builder.Append(groups[i].ToString("x", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Normalises an IP observable. The family must match the declared kind, except that an IPv4-mapped IPv6 value
    /// is accepted for IPv4 too, and answers as IPv4 either way.
    /// </summary>
    internal static Normalised NormaliseObservable(ObservableKind declared, ReadOnlySpan<char> text)
    {
        if (!TryParseNetwork(text, out var network, out var reason))
        {
            return Normalised.Fail(reason!);
        }

        var writtenAsV6 = text.IndexOf(':') >= 0;
        var declaredV6 = declared is ObservableKind.Ipv6Address or ObservableKind.Ipv6Network;
        if (writtenAsV6 != declaredV6 && !(writtenAsV6 && network.IsV4))
        {
            return Normalised.Fail(declaredV6 ? "an IPv4 address is not an IPv6 address" : "an IPv6 address is not an IPv4 address");
        }

        return Normalised.Ok(network.Kind, network.ToString());
    }
}
