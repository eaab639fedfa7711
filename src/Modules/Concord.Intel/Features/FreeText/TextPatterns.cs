using Concord.Observables;

namespace Concord.Intel.Features.FreeText;

/// <summary>The STIX pattern an indicator for one observable asserts, the way MISP's converter writes the same values.</summary>
internal static class TextPatterns
{
    public static string? For(Observable observable) => observable.Kind switch
    {
        ObservableKind.Ipv4Address or ObservableKind.Ipv4Network => Equal("ipv4-addr:value", observable.Value),
        ObservableKind.Ipv6Address or ObservableKind.Ipv6Network => Equal("ipv6-addr:value", observable.Value),
        ObservableKind.Domain => Equal("domain-name:value", observable.Value),
        ObservableKind.Url => Equal("url:value", observable.Value),
        ObservableKind.Email => Equal("email-addr:value", observable.Value),
        ObservableKind.Md5 => Equal("file:hashes.MD5", observable.Value),
        ObservableKind.Sha1 => Equal("file:hashes.'SHA-1'", observable.Value),
        ObservableKind.Sha256 => Equal("file:hashes.'SHA-256'", observable.Value),
        ObservableKind.Sha512 => Equal("file:hashes.'SHA-512'", observable.Value),
        ObservableKind.Mutex => Equal("mutex:name", observable.Value),
        ObservableKind.RegistryKey => Equal("windows-registry-key:key", observable.Value),
        _ => null,
    };

    // A STIX string literal escapes only the quote and the backslash.
    private static string Equal(string path, string value) =>
        $"[{path} = '{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";
}
