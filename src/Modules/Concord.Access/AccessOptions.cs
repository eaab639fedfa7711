namespace Concord.Access;

/// <summary>Access settings, bound from <c>Concord:Access</c> and validated on start.</summary>
internal sealed class AccessOptions
{
    public const string Section = "Concord:Access";

    /// <summary>Login attempts per client IP per minute on <c>POST /auth/login</c>.</summary>
    public int LoginPermitsPerMinute { get; set; } = 10;

    /// <summary>
    /// Failed authentications per client address (an IPv6 /64) per minute; past it, password attempts from the address
    /// wait (429), except for users who signed in from it before. A valid API key is never refused for it.
    /// </summary>
    public int FailedAuthenticationsPerMinute { get; set; } = 20;

    /// <summary>
    /// Wrong passwords or codes in a row, from anywhere, before an account is locked for <see cref="LockoutDuration"/>
    /// (NIST SP 800-63B caps it at 100). Addresses the user signed in from before are not locked out; and per user name
    /// and address, attempts after the third wait 2 s, 4 s, 8 s … up to <see cref="LockoutDuration"/>.
    /// </summary>
    public int MaxFailedPasswordAttempts { get; set; } = 100;

    /// <summary>How long a locked account stays locked, and the longest wait between attempts for one user name and address.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public int ApiKeyDefaultLifetimeDays { get; set; } = 90;

    public int ApiKeyMaxLifetimeDays { get; set; } = 730;

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Send the session cookie only over HTTPS. Off by default because the node serves plain HTTP on 127.0.0.1 out of
    /// the box; the cookie is Secure whenever the request is HTTPS either way.
    /// </summary>
    public bool RequireSecureCookie { get; set; }

    /// <summary>
    /// Callers without credentials may read public records (public scope, TLP:CLEAR) on every interface: REST object
    /// reads, TAXII, the browser's intel pages. Off by default: a node admin opts in, because even CLEAR data tells who
    /// shares what. The deprecated <c>Concord:Taxii:AllowAnonymousPublicReads</c> is still read when this is unset.
    /// </summary>
    public bool? AllowAnonymousPublicReads { get; set; }

    /// <summary>The old, TAXII-only name of <see cref="AllowAnonymousPublicReads"/>.</summary>
    public const string LegacyAnonymousReadsKey = "Concord:Taxii:AllowAnonymousPublicReads";

    public bool AnonymousPublicReads => AllowAnonymousPublicReads ?? false;

    internal static bool IsValid(AccessOptions o) =>
        o.LoginPermitsPerMinute > 0 && o.FailedAuthenticationsPerMinute > 0 && o.MaxFailedPasswordAttempts > 0
        && o.LockoutDuration > TimeSpan.Zero && o.ApiKeyDefaultLifetimeDays > 0
        && o.ApiKeyMaxLifetimeDays >= o.ApiKeyDefaultLifetimeDays
        && o.SessionLifetime > TimeSpan.Zero;
}
