namespace Concord.Access;

/// <summary>Access settings, bound from <c>Concord:Access</c> and validated on start.</summary>
internal sealed class AccessOptions
{
    public const string Section = "Concord:Access";

    /// <summary>Login attempts per client IP per minute on <c>POST /auth/login</c>.</summary>
    public int LoginPermitsPerMinute { get; set; } = 10;

    /// <summary>Failed Bearer/Basic/login authentications per client IP per minute before further attempts answer 429.</summary>
    public int FailedAuthenticationsPerMinute { get; set; } = 20;

    /// <summary>Wrong passwords in a row before an account is locked.</summary>
    public int MaxFailedPasswordAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public int ApiKeyDefaultLifetimeDays { get; set; } = 90;

    public int ApiKeyMaxLifetimeDays { get; set; } = 730;

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Send the session cookie only over HTTPS. Off by default because the node serves plain HTTP on 127.0.0.1 out of
    /// the box; the cookie is Secure whenever the request is HTTPS either way.
    /// </summary>
    public bool RequireSecureCookie { get; set; }

    internal static bool IsValid(AccessOptions o) =>
        o.LoginPermitsPerMinute > 0 && o.FailedAuthenticationsPerMinute > 0 && o.MaxFailedPasswordAttempts > 0
        && o.LockoutDuration > TimeSpan.Zero && o.ApiKeyDefaultLifetimeDays > 0
        && o.ApiKeyMaxLifetimeDays >= o.ApiKeyDefaultLifetimeDays
        && o.SessionLifetime > TimeSpan.Zero;
}
