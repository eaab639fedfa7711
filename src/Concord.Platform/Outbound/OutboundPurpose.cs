namespace Concord.Platform.Outbound;

/// <summary>What an outbound call is for; each purpose has its own client, timeouts and retries.</summary>
public enum OutboundPurpose
{
    /// <summary>Other nodes: TAXII pulls and pushes to federation peers.</summary>
    Federation,

    /// <summary>Threat intelligence feeds the node fetches: MISP feeds, CSV lists.</summary>
    Feeds,

    /// <summary>Webhook deliveries to the URLs organisations register.</summary>
    Webhooks,
}
