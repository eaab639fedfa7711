using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Concord.Access.Authentication;

/// <summary>
/// Slows down guessing without handing anyone a way to lock others out. Three separate brakes:
/// <list type="bullet">
/// <item>Per user name and address: after <see cref="FreeFailures"/> wrong passwords or codes, each further attempt from
/// that address for that user waits twice as long as the last (2 s, 4 s, … up to the lockout duration). Someone else's
/// guessing from elsewhere never delays the owner.</item>
/// <item>Per address: failed authentications per minute (any user name, any credential); past the budget, password
/// attempts from the address wait. A valid API key is never refused for it, nor is a user from an address they have
/// signed in from before (their own failures still slow them down, by the first brake).</item>
/// <item>Per account: Identity's lockout after many failures in a row from anywhere (NIST SP 800-63B's cap of 100),
/// which again does not apply to addresses the user has signed in from before.</item>
/// </list>
/// Everything lives in memory, bounded; a restart forgets it, which only ever loosens a brake for a moment.
/// </summary>
internal sealed class AuthThrottle : IDisposable
{
    public const int FreeFailures = 3;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan KnownFor = TimeSpan.FromDays(30);
    private const int MaxEntries = 100_000;

    private readonly PartitionedRateLimiter<string> _addressFailures;
    private readonly MemoryCache _pairs = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxDelay;

    public AuthThrottle(IOptions<AccessOptions> options, TimeProvider time)
    {
        var limit = options.Value.FailedAuthenticationsPerMinute;
        _addressFailures = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = Window, QueueLimit = 0 }));
        _time = time;
        _maxDelay = options.Value.LockoutDuration;
    }

    /// <summary>This address used its failure budget for the minute.</summary>
    public TimeSpan? AddressBlocked(IPAddress? ip) =>
        _addressFailures.GetStatistics(AddressKey(ip))?.CurrentAvailablePermits <= 0 ? Window : null;

    /// <summary>How long a password or code attempt for <paramref name="userName"/> from <paramref name="ip"/> must wait; null: go ahead.</summary>
    public TimeSpan? Blocked(string userName, IPAddress? ip)
    {
        if (_pairs.Get<PairState>(PairKey(userName, ip)) is { } state && state.BlockedUntil > _time.GetUtcNow())
        {
            return state.BlockedUntil - _time.GetUtcNow();
        }

        return IsKnown(userName, ip) ? null : AddressBlocked(ip);
    }

    /// <summary>The user signed in from this address (all factors) in the last 30 days.</summary>
    public bool IsKnown(string userName, IPAddress? ip) =>
        _known.Get<DateTimeOffset?>(PairKey(userName, ip)) is { } at && _time.GetUtcNow() - at < KnownFor;

    /// <summary>A wrong key from this address (API keys are random, so only the address budget counts them).</summary>
    public void RecordFailure(IPAddress? ip)
    {
        using var lease = _addressFailures.AttemptAcquire(AddressKey(ip));
    }

    /// <summary>A wrong password or code for <paramref name="userName"/> (known or not) from <paramref name="ip"/>.</summary>
    public void RecordFailure(string userName, IPAddress? ip)
    {
        RecordFailure(ip);
        var key = PairKey(userName, ip);
        var state = _pairs.Get<PairState>(key) ?? new PairState();
        lock (state)
        {
            state.Failures++;
            var excess = state.Failures - FreeFailures;
            var delay = excess <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Pow(2, Math.Min(excess, 20)));
            state.BlockedUntil = _time.GetUtcNow() + (delay < _maxDelay ? delay : _maxDelay);
        }

        _pairs.Set(key, state, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = _maxDelay + _maxDelay });
    }

    /// <summary>A complete sign-in: the pair starts afresh and the address is the user's own from now on.</summary>
    public void RecordSuccess(string userName, IPAddress? ip)
    {
        var key = PairKey(userName, ip);
        _pairs.Remove(key);
        _known.Set(key, (DateTimeOffset?)_time.GetUtcNow(), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = KnownFor });
    }

    public void Dispose()
    {
        _addressFailures.Dispose();
        _pairs.Dispose();
        _known.Dispose();
    }

    /// <summary>An IPv6 client is counted by its /64, which one subscriber usually holds whole.</summary>
    internal static string AddressKey(IPAddress? ip)
    {
        if (ip is null)
        {
            return "unknown";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }

        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static string PairKey(string userName, IPAddress? ip) => userName.ToUpperInvariant() + "\n" + AddressKey(ip);

    private sealed class PairState
    {
        public int Failures { get; set; }

        public DateTimeOffset BlockedUntil { get; set; }
    }
}
