using Concord.Platform;

namespace Concord.Observables;

public readonly partial record struct Observable
{
    /// <summary>
    /// Normalises a value whose kind the caller does not know (a search box, <c>concord lookup VALUE</c>): IP
    /// addresses and networks, URLs (with a scheme), e-mail addresses, MD5/SHA-1/SHA-256/SHA-512 digests by
    /// length, <c>AS</c> numbers, registry keys by hive, SSDEEP and TLSH by shape, then domain names. Mutexes,
    /// user agents and certificate serials look like anything, so they are never guessed: name the kind.
    /// </summary>
    /// <param name="raw">The value as received.</param>
    /// <param name="field">The input field to name in the error.</param>
    /// <returns>The observable, or a validation error asking for the kind.</returns>
    public static Result<Observable> Detect(string? raw, string field = "value")
    {
        var text = raw.AsSpan().Trim();
        if (GuessKind(text) is { } kind && Parse(kind, raw, field) is { IsSuccess: true } parsed)
        {
            return parsed;
        }

        return Error.Validation(field, "observable-kind", "The kind of this value cannot be told from its text; name the kind.");
    }

    private static ObservableKind? GuessKind(ReadOnlySpan<char> text)
    {
        if (IpText.TryParseNetwork(text, out var network, out _))
        {
            return network.Kind;
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            return ObservableKind.Url;
        }

        if (text.Contains('@') && !text.ContainsAny(' ', '\t'))
        {
            return ObservableKind.Email;
        }

        if (HashText.IsHex(text))
        {
            return text.Length switch
            {
                32 => ObservableKind.Md5,
                40 => ObservableKind.Sha1,
                64 => ObservableKind.Sha256,
                128 => ObservableKind.Sha512,
                70 or 134 => ObservableKind.Tlsh,
                _ => null,
            };
        }

        if (text.Length > 2 && text.StartsWith("AS", StringComparison.OrdinalIgnoreCase) && char.IsAsciiDigit(text[^1]) && !text.Contains('.'))
        {
            return ObservableKind.AutonomousSystem;
        }

        // A hive and a path (HKLM\…, HKEY_CURRENT_USER\…): a domain may start with "hk" too (hkjiqk.com).
        if ((text.StartsWith("HK", StringComparison.OrdinalIgnoreCase) && text.Contains('\\')) || text.StartsWith("\\REGISTRY\\", StringComparison.OrdinalIgnoreCase))
        {
            return ObservableKind.RegistryKey;
        }

        if (text.Length > 72 && (text[0] is 'T' or 't') && text[1] == '1')
        {
            return ObservableKind.Tlsh;
        }

        return text.Count(':') == 2 && char.IsAsciiDigit(text[0]) ? ObservableKind.Ssdeep : ObservableKind.Domain;
    }
}
