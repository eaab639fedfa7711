using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Concord.Access.Authentication;

/// <summary>
/// Counts failed authentications per client IP (ASP.NET Core's rate limiter primitives); once an IP has used its
/// budget for the window, further credential checks from it are refused with 429 before any password is tried.
/// </summary>
internal sealed class AuthThrottle : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<string> _failures;

    public AuthThrottle(IOptions<AccessOptions> options)
    {
        var limit = options.Value.FailedAuthenticationsPerMinute;
        _failures = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = Window, QueueLimit = 0 }));
    }

    public static TimeSpan RetryAfter => Window;

    public bool IsBlocked(IPAddress? ip) => _failures.GetStatistics(Key(ip))?.CurrentAvailablePermits <= 0;

    public void RecordFailure(IPAddress? ip)
    {
        using var lease = _failures.AttemptAcquire(Key(ip));
    }

    public void Dispose() => _failures.Dispose();

    private static string Key(IPAddress? ip) => ip?.ToString() ?? "unknown";
}
