namespace Concord.Stix.Validation.Values;

/// <summary>Span checks for the small STIX grammars (type names, identifiers, hex, base64), used instead of regex.</summary>
internal static class StixSyntax
{
    /// <summary>STIX 3.1 type: 3-250 of a-z, 0-9 and single hyphens, starting with a letter.</summary>
    public static bool IsTypeName(ReadOnlySpan<byte> s)
    {
        if (s.Length is < 3 or > 250 || !IsLower(s[0]))
        {
            return false;
        }

        for (var i = 1; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '-' ? s[i - 1] == '-' : !IsLower(c) && !IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits <c>type--UUID</c>; true when the type part is a type name and the UUID part an RFC 4122 UUID.</summary>
    public static bool TrySplitIdentifier(ReadOnlySpan<byte> id, out ReadOnlySpan<byte> type)
    {
        var separator = id.IndexOf("--"u8);
        type = separator < 0 ? default : id[..separator];
        return separator > 0 && IsTypeName(type) && IsUuid(id[(separator + 2)..]);
    }

    /// <summary>
    /// An RFC 4122 UUID: 8-4-4-4-12 hex digits, version 1-5 and the RFC 4122 variant (10xx), as the OASIS identifier
    /// schema requires.
    /// </summary>
    public static bool IsUuid(ReadOnlySpan<byte> s)
    {
        if (s.Length != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
        {
            return false;
        }

        for (var i = 0; i < 36; i++)
        {
            if (i is not (8 or 13 or 18 or 23) && !IsHex(s[i]))
            {
                return false;
            }
        }

        return s[14] is >= (byte)'1' and <= (byte)'5' && s[19] is (byte)'8' or (byte)'9' or (byte)'a' or (byte)'b' or (byte)'A' or (byte)'B';
    }

    /// <summary>A non-empty, even-length run of hex digits.</summary>
    public static bool IsHex(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s.Length % 2 != 0)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsHex(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Exactly <paramref name="length"/> hex digits.</summary>
    public static bool IsHex(ReadOnlySpan<byte> s, int length) => s.Length == length && IsHex(s);

    /// <summary>Non-empty padded base64 (RFC 4648 alphabet).</summary>
    public static bool IsBase64(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s.Length % 4 != 0)
        {
            return false;
        }

        var padding = s[^1] == '=' ? s[^2] == '=' ? 2 : 1 : 0;
        for (var i = 0; i < s.Length - padding; i++)
        {
            var c = s[i];
            if (!IsLower(c) && !IsDigit(c) && c is not (>= (byte)'A' and <= (byte)'Z') and not (byte)'+' and not (byte)'/')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>STIX 3.1 dictionary keys: 1-250 of a-z, A-Z, 0-9, _ and -.</summary>
    public static bool IsDictionaryKey(ReadOnlySpan<byte> s)
    {
        if (s.Length > 250)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsLower(c) && !IsDigit(c) && c is not (>= (byte)'A' and <= (byte)'Z') and not (byte)'_' and not (byte)'-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>STIX 11.1 custom property names: 3-250 of a-z, 0-9 and _, starting with a letter (STIX 3.1).</summary>
    public static bool IsCustomPropertyName(ReadOnlySpan<byte> s)
    {
        if (s.Length is < 3 or > 250 || !IsLower(s[0]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsLower(c) && !IsDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsLower(byte c) => c is >= (byte)'a' and <= (byte)'z';

    public static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    public static bool IsHex(byte c) => IsDigit(c) || c is >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
