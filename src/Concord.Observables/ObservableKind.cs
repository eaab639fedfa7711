namespace Concord.Observables;

/// <summary>
/// What an observable value is. The numbers are stable: the store persists them, so members are only ever added.
/// </summary>
public enum ObservableKind : byte
{
    /// <summary>An IPv4 address, dotted quad (IPv4-mapped IPv6 addresses normalise to this kind).</summary>
    Ipv4Address = 1,

    /// <summary>An IPv4 network in CIDR notation with the host bits cleared; a /32 normalises to an address.</summary>
    Ipv4Network = 2,

    /// <summary>An IPv6 address in RFC 5952 text.</summary>
    Ipv6Address = 3,

    /// <summary>An IPv6 network in CIDR notation with the host bits cleared; a /128 normalises to an address.</summary>
    Ipv6Network = 4,

    /// <summary>A domain name: lower-case ASCII (IDN labels as punycode), no trailing dot.</summary>
    Domain = 5,

    /// <summary>A URL with scheme and host lower-case, default port and fragment removed, percent-encoding normalised.</summary>
    Url = 6,

    /// <summary>An e-mail address with its domain part normalised like <see cref="Domain"/>.</summary>
    Email = 7,

    /// <summary>An MD5 digest, 32 lower-case hex digits.</summary>
    Md5 = 8,

    /// <summary>A SHA-1 digest, 40 lower-case hex digits.</summary>
    Sha1 = 9,

    /// <summary>A SHA-256 digest, 64 lower-case hex digits.</summary>
    Sha256 = 10,

    /// <summary>A SHA-512 digest, 128 lower-case hex digits.</summary>
    Sha512 = 11,

    /// <summary>An SSDEEP fuzzy hash, as given (trimmed).</summary>
    Ssdeep = 12,

    /// <summary>A TLSH digest in upper case, the way the reference implementation prints it.</summary>
    Tlsh = 13,

    /// <summary>A mutex name, exact (trimmed).</summary>
    Mutex = 14,

    /// <summary>A Windows registry key: full hive name in upper case, the path in lower case.</summary>
    RegistryKey = 15,

    /// <summary>An X.509 serial number: lower-case hex without separators or leading zeros.</summary>
    X509Serial = 16,

    /// <summary>An autonomous system number, in decimal.</summary>
    AutonomousSystem = 17,

    /// <summary>An HTTP user agent, exact (trimmed).</summary>
    UserAgent = 18,
}
