namespace Concord.Stix.Validation.Values;

/// <summary>Shared string shapes with their span checks.</summary>
internal static class Formats
{
    public static readonly StringSpec Binary = new(StixSyntax.IsBase64, StixRules.BinaryFormat, "base64 (binary)");
    public static readonly StringSpec Hex = new(StixSyntax.IsHex, StixRules.HexFormat, "an even number of hex digits");
    public static readonly StringSpec Lang = new(IsLanguageTag, StixRules.LangFormat, "an RFC 5646 language tag");
    public static readonly StringSpec MacAddress = new(IsMacAddress, StixRules.ValueFormat, "a lowercase colon-delimited MAC address");
    public static readonly StringSpec Ipv4 = new(IsIpv4Cidr, StixRules.ValueFormat, "an IPv4 address or CIDR");
    public static readonly StringSpec RelationshipType = new(IsRelationshipType, StixRules.ValueFormat, "a relationship type (a-z, 0-9, -)");

    /// <summary>STIX 2.8: kill_chain_name and phase_name SHOULD be lowercase with hyphens as word separators.</summary>
    public static readonly StringSpec KillChainName = new(IsLowercaseHyphenated, StixRules.KillChainPhaseFormat, "lowercase with hyphens between words", advisory: true);

    /// <summary>
    /// RFC 5646 shape: a 2-8 letter primary subtag (or <c>x</c>/<c>i</c> for private use and grandfathered tags),
    /// then subtags of 1-8 letters or digits.
    /// </summary>
    public static bool IsLanguageTag(ReadOnlySpan<byte> s)
    {
        var first = true;
        foreach (var range in s.Split((byte)'-'))
        {
            var part = s[range];
            if (part.Length is 0 or > 8)
            {
                return false;
            }

            foreach (var c in part)
            {
                var letter = (c | 0x20) is >= 'a' and <= 'z';
                if (!letter && (first || !StixSyntax.IsDigit(c)))
                {
                    return false;
                }
            }

            if (first && part.Length == 1 && (part[0] | 0x20) is not ('x' or 'i'))
            {
                return false;
            }

            first = false;
        }

        return !first;
    }

    /// <summary>STIX 6.10: a single colon-delimited, lowercase MAC-48 address.</summary>
    public static bool IsMacAddress(ReadOnlySpan<byte> s)
    {
        if (s.Length != 17)
        {
            return false;
        }

        for (var i = 0; i < 17; i++)
        {
            var ok = i % 3 == 2 ? s[i] == ':' : StixSyntax.IsDigit(s[i]) || s[i] is >= (byte)'a' and <= (byte)'f';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Dotted-quad IPv4 (no leading zeros), optionally with a <c>/0</c>-<c>/32</c> prefix length.</summary>
    public static bool IsIpv4Cidr(ReadOnlySpan<byte> s)
    {
        var slash = s.IndexOf((byte)'/');
        if (slash >= 0 && !IsDecimal(s[(slash + 1)..], 32))
        {
            return false;
        }

        var address = slash >= 0 ? s[..slash] : s;
        var parts = 0;
        foreach (var range in address.Split((byte)'.'))
        {
            if (++parts > 4 || !IsDecimal(address[range], 255))
            {
                return false;
            }
        }

        return parts == 4;
    }

    public static bool IsRelationshipType(ReadOnlySpan<byte> s)
    {
        foreach (var c in s)
        {
            if (!StixSyntax.IsLower(c) && !StixSyntax.IsDigit(c) && c != '-')
            {
                return false;
            }
        }

        return !s.IsEmpty;
    }

    public static bool IsLowercaseHyphenated(ReadOnlySpan<byte> s)
    {
        foreach (var c in s)
        {
            if (c is (byte)' ' or (byte)'_' or >= (byte)'A' and <= (byte)'Z')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDecimal(ReadOnlySpan<byte> s, int max)
    {
        if (s.IsEmpty || s.Length > 3 || (s.Length > 1 && s[0] == '0'))
        {
            return false;
        }

        var value = 0;
        foreach (var c in s)
        {
            if (!StixSyntax.IsDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= max;
    }
}
