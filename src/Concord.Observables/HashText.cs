namespace Concord.Observables;

/// <summary>Cryptographic digests and fuzzy hashes.</summary>
internal static class HashText
{
    public static Normalised NormaliseDigest(ObservableKind kind, ReadOnlySpan<char> text)
    {
        var length = kind switch
        {
            ObservableKind.Md5 => 32,
            ObservableKind.Sha1 => 40,
            ObservableKind.Sha256 => 64,
            _ => 128,
        };
        if (text.Length != length)
        {
            return Normalised.Fail($"a {kind.Name()} digest has {length} hex digits, not {text.Length}");
        }

        return IsHex(text) ? Normalised.Ok(kind, text.ToString().ToLowerInvariant()) : Normalised.Fail("a digest is hex digits only");
    }

    /// <summary>
    /// <c>blocksize:hash:hash</c>, kept as written: the two parts are base64 whose case is significant. The hash
    /// parts may be empty (<c>3::</c> is the SSDEEP of an empty file).
    /// </summary>
    public static Normalised NormaliseSsdeep(ReadOnlySpan<char> text)
    {
        var first = text.IndexOf(':');
        var second = first < 0 ? -1 : text[(first + 1)..].IndexOf(':');
        if (first <= 0 || second < 0 || !int.TryParse(text[..first], out var block) || block <= 0 || text.ContainsAny(' ', '\t', '\n'))
        {
            return Normalised.Fail("an SSDEEP hash looks like 'blocksize:hash:hash'");
        }

        return Normalised.Ok(ObservableKind.Ssdeep, text.ToString());
    }

    /// <summary>
    /// 70 or 134 hex digits, optionally after the version prefix <c>T1</c>; printed in upper case, as the reference
    /// implementation does, so digests copied from either case compare equal.
    /// </summary>
    public static Normalised NormaliseTlsh(ReadOnlySpan<char> text)
    {
        var digits = text.Length > 2 && (text[0] is 'T' or 't') && text[1] == '1' ? text[2..] : text;
        if (digits.Length is not (70 or 134) || !IsHex(digits))
        {
            return Normalised.Fail("a TLSH digest is 70 or 134 hex digits, optionally after 'T1'");
        }

        return Normalised.Ok(ObservableKind.Tlsh, text.ToString().ToUpperInvariant());
    }

    public static bool IsHex(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
