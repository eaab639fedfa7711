using System.Text;

namespace Concord.Stix.Validation.Values;

/// <summary>Span checks for the SCO value formats that are a MUST: IPv6 (6.12), CPE 2.3 (6.14), registry hives (6.17).</summary>
internal static class AddressFormats
{
    public static readonly StringSpec Ipv6 = new(IsIpv6Cidr, StixRules.ValueFormat, "an IPv6 address or CIDR");
    public static readonly StringSpec Cpe = new(IsCpe23, StixRules.ValueFormat, "a CPE 2.3 formatted string");
    public static readonly StringSpec RegistryKey = new(IsExpandedHive, StixRules.ValueFormat, "a registry key with its hive spelled out (no HKLM-style abbreviation)");

    /// <summary>RFC 4291 text form: up to 8 groups of 1-4 hex digits, one "::" at most, optionally an IPv4 tail and a /0-/128 prefix.</summary>
    public static bool IsIpv6Cidr(ReadOnlySpan<byte> s)
    {
        var slash = s.IndexOf((byte)'/');
        if (slash >= 0)
        {
            var prefix = s[(slash + 1)..];
            if (prefix.IsEmpty || prefix.Length > 3 || prefix.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0 || (prefix.Length > 1 && prefix[0] == '0')
                || int.Parse(prefix, provider: null) > 128)
            {
                return false;
            }

            s = s[..slash];
        }

        var compressed = s.IndexOf("::"u8);
        if (compressed >= 0 && s[(compressed + 1)..].IndexOf("::"u8) >= 0)
        {
            return false;
        }

        var groups = 0;
        var parts = compressed >= 0 ? 2 : 1;
        for (var part = 0; part < parts; part++)
        {
            var text = compressed < 0 ? s : part == 0 ? s[..compressed] : s[(compressed + 2)..];
            if (text.IsEmpty)
            {
                continue;
            }

            foreach (var range in text.Split((byte)':'))
            {
                var group = text[range];
                var isLast = range.End.GetOffset(text.Length) == text.Length && part == parts - 1;
                if (isLast && group.IndexOf((byte)'.') >= 0 && Formats.IsIpv4Cidr(group) && group.IndexOf((byte)'/') < 0)
                {
                    groups += 2;
                }
                else if (group.Length is < 1 or > 4 || !AllHex(group))
                {
                    return false;
                }
                else
                {
                    groups++;
                }
            }
        }

        return compressed >= 0 ? groups <= 7 : groups == 8;
    }

    /// <summary>CPE 2.3 formatted string: "cpe:2.3:" then a part (a, o, h, * or -) and ten more colon-separated components.</summary>
    public static bool IsCpe23(ReadOnlySpan<byte> s)
    {
        if (!s.StartsWith("cpe:2.3:"u8) || s.Length < 10 || s[8] is not ((byte)'a' or (byte)'o' or (byte)'h' or (byte)'*' or (byte)'-'))
        {
            return false;
        }

        var components = 1;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == ':')
            {
                components++;
            }
        }

        return components == 13;
    }

    public static bool IsExpandedHive(ReadOnlySpan<byte> s)
    {
        var hive = s.IndexOf((byte)'\\') is var backslash and >= 0 ? s[..backslash] : s;
        return !Ascii.EqualsIgnoreCase(hive, "HKLM"u8) && !Ascii.EqualsIgnoreCase(hive, "HKCC"u8) && !Ascii.EqualsIgnoreCase(hive, "HKCR"u8)
            && !Ascii.EqualsIgnoreCase(hive, "HKCU"u8) && !Ascii.EqualsIgnoreCase(hive, "HKU"u8);
    }

    private static bool AllHex(ReadOnlySpan<byte> s)
    {
        foreach (var c in s)
        {
            if (!StixSyntax.IsHex(c))
            {
                return false;
            }
        }

        return true;
    }
}
