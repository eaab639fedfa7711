namespace Concord.Platform.Outbound;

/// <summary>
/// Outbound HTTP settings (<c>Concord:Outbound</c>): the node admin's allow-list and, per purpose, timeouts, retries and
/// redirects. Defaults suit a node on the internet; change them only with a reason.
/// </summary>
public sealed class OutboundOptions
{
    public const string Section = "Concord:Outbound";

    /// <summary>
    /// Hosts an outbound call may reach although they are loopback, link-local, private or otherwise not on the public
    /// internet: host names, IP addresses (either with an optional <c>:port</c>) and CIDR ranges. In configuration a list,
    /// or one string separated by <c>;</c> (<c>Concord__Outbound__AllowedHosts="127.0.0.1;misp.intranet.example"</c>).
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>How long a TCP connection may take to open, DNS resolution included.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest <c>Retry-After</c> a retry waits for; an answer asking for longer is handed to the caller as it is
    /// (its own schedule, such as a webhook's next delivery attempt, decides when to try again).
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>TAXII with other nodes: pages of a collection can be large, so attempts may take a minute.</summary>
    public OutboundClientOptions Federation { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(60), TotalTimeout = TimeSpan.FromMinutes(5), MaxRetries = 3, MaxRedirects = 5,
    };

    /// <summary>Feeds: whole files of indicators, so attempts may take two minutes.</summary>
    public OutboundClientOptions Feeds { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromMinutes(2), TotalTimeout = TimeSpan.FromMinutes(10), MaxRetries = 3, MaxRedirects = 5,
    };

    /// <summary>
    /// Webhooks: short, and no redirects — a 301 or 302 would turn the POST into a GET and report a delivery that never
    /// happened. A delivery that fails here is retried later by the sender's own schedule.
    /// </summary>
    public OutboundClientOptions Webhooks { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(10), TotalTimeout = TimeSpan.FromSeconds(30), MaxRetries = 2, MaxRedirects = 0,
    };

    /// <summary>The settings of one purpose.</summary>
    public OutboundClientOptions For(OutboundPurpose purpose) => purpose switch
    {
        OutboundPurpose.Federation => Federation,
        OutboundPurpose.Feeds => Feeds,
        OutboundPurpose.Webhooks => Webhooks,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown outbound purpose."),
    };
}

/// <summary>Timeouts, retries and redirects of one <see cref="OutboundPurpose"/> (<c>Concord:Outbound:Webhooks</c>, …).</summary>
public sealed class OutboundClientOptions
{
    /// <summary>How long one attempt may take until the response headers arrive.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the whole call may take: every attempt, the waits between them, and reading a buffered body.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Retries after a transient failure (a connection error, a timeout, 408, 429 or 5xx), for idempotent methods only
    /// unless the request says otherwise; 0 turns retries off.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's median wait; each further retry waits about twice as long, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Redirects followed (each one checked like the first request); 0 follows none.</summary>
    public int MaxRedirects { get; set; } = 5;
}
