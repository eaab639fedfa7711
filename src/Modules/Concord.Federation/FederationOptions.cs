namespace Concord.Federation;

/// <summary>Federation settings (<c>Concord:Federation</c>).</summary>
public sealed class FederationOptions
{
    public const string Section = "Concord:Federation";

    /// <summary>
    /// This node's name among its peers: lower-case letters, digits, dots and hyphens, up to 40. Organisations hosted here
    /// appear on other nodes as "CERT-X (name)". Default: the machine's name.
    /// </summary>
    public string? NodeName { get; set; }

    /// <summary>
    /// How often each peer is pulled whatever it says (the safety net), and connections made by another process are
    /// picked up; a pull with nothing new is one small request.
    /// </summary>
    public TimeSpan PullInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether to hold a long poll open on each peer and pull the moment something this node may read changes there (a new record arrives in about
    /// a second). Off, peers are pulled every <see cref="PullInterval"/> only.
    /// </summary>
    public bool Watch { get; set; } = true;

    /// <summary>Objects asked for per page (the peer may answer with fewer).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// Objects per envelope pushed to a TAXII destination (fewer when the destination's <c>max_content_length</c> says
    /// so): one page is one add-objects request and one status to follow.
    /// </summary>
    public int PushPageSize { get; set; } = 100;

    /// <summary>How long a push waits for the destination's status of one page to complete before trying again later.</summary>
    public TimeSpan PushStatusWait { get; set; } = TimeSpan.FromMinutes(2);
}
