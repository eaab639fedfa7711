namespace Concord.Federation.Features.Lookups;

/// <summary>Blind lookup settings (<c>Concord:Federation:Lookups</c>).</summary>
internal sealed class LookupOptions
{
    public const string Section = "Concord:Federation:Lookups";

    /// <summary>Questions one caller (a peer node, or a member) may put to this node per minute; more are answered 429.</summary>
    public int PermitsPerMinute { get; set; } = 30;

    /// <summary>How long this node waits for each peer's answer when a member asks; a slower peer is reported, not waited for.</summary>
    public TimeSpan PeerTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
