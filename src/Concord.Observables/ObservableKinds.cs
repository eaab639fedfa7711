using System.Collections.Frozen;

namespace Concord.Observables;

/// <summary>Stable text names for <see cref="ObservableKind"/>, for the REST API, the CLI and exports.</summary>
public static class ObservableKinds
{
    private static readonly (ObservableKind Kind, string Name)[] Table =
    [
        (ObservableKind.Ipv4Address, "ipv4-addr"),
        (ObservableKind.Ipv4Network, "ipv4-net"),
        (ObservableKind.Ipv6Address, "ipv6-addr"),
        (ObservableKind.Ipv6Network, "ipv6-net"),
        (ObservableKind.Domain, "domain-name"),
        (ObservableKind.Url, "url"),
        (ObservableKind.Email, "email-addr"),
        (ObservableKind.Md5, "md5"),
        (ObservableKind.Sha1, "sha1"),
        (ObservableKind.Sha256, "sha256"),
        (ObservableKind.Sha512, "sha512"),
        (ObservableKind.Ssdeep, "ssdeep"),
        (ObservableKind.Tlsh, "tlsh"),
        (ObservableKind.Mutex, "mutex"),
        (ObservableKind.RegistryKey, "windows-registry-key"),
        (ObservableKind.X509Serial, "x509-serial"),
        (ObservableKind.AutonomousSystem, "autonomous-system"),
        (ObservableKind.UserAgent, "user-agent"),
    ];

    private static readonly FrozenDictionary<string, ObservableKind> ByName =
        Table.ToFrozenDictionary(entry => entry.Name, entry => entry.Kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<ObservableKind> All { get; } = [.. Table.Select(entry => entry.Kind)];

    /// <summary>The stable name of a kind, e.g. <c>ipv4-addr</c>.</summary>
    public static string Name(this ObservableKind kind)
    {
        foreach (var (k, name) in Table)
        {
            if (k == kind)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an observable kind.");
    }

    /// <summary>Parses a stable name (case-insensitive).</summary>
    public static bool TryParseName(string? name, out ObservableKind kind) =>
        ByName.TryGetValue(name ?? "", out kind);

    /// <summary>True for the four IP kinds, which match as ranges rather than as text.</summary>
    public static bool IsIp(this ObservableKind kind) => kind is >= ObservableKind.Ipv4Address and <= ObservableKind.Ipv6Network;

    /// <summary>True for the kinds whose canonical text is case-folded, so list entries compare case-insensitively.</summary>
    public static bool IsCaseFolded(this ObservableKind kind) =>
        kind is not (ObservableKind.Url or ObservableKind.Email or ObservableKind.Ssdeep or ObservableKind.Mutex or ObservableKind.UserAgent);
}
