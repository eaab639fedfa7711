namespace Concord.Platform.Outbound;

/// <summary>Why an outbound call was refused (<see cref="OutboundRefusedException.Refusal"/>).</summary>
public enum OutboundRefusal
{
    /// <summary>127.0.0.0/8 or ::1: the node itself.</summary>
    Loopback,

    /// <summary>169.254.0.0/16 or fe80::/10: the local link only.</summary>
    LinkLocal,

    /// <summary>10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7 (and the old site-local fec0::/10).</summary>
    Private,

    /// <summary>100.64.0.0/10, the shared address space of carrier-grade NAT.</summary>
    SharedAddressSpace,

    /// <summary>A cloud provider's instance metadata service (169.254.169.254, fd00:ec2::254, …), which hands out credentials.</summary>
    CloudMetadata,

    /// <summary>0.0.0.0/8 or ::, which a socket takes to mean this host.</summary>
    Unspecified,

    /// <summary>224.0.0.0/4 or ff00::/8.</summary>
    Multicast,

    /// <summary>255.255.255.255.</summary>
    Broadcast,

    /// <summary>Ranges set aside for protocols, benchmarks and future use (192.0.0.0/24, 198.18.0.0/15, 240.0.0.0/4, 100::/64).</summary>
    Reserved,

    /// <summary>A redirect from https to http, which would send the rest of the call in clear text.</summary>
    RedirectToHttp,

    /// <summary>A redirect to a scheme other than http or https.</summary>
    RedirectScheme,

    /// <summary>More redirects than the purpose allows (<see cref="OutboundClientOptions.MaxRedirects"/>).</summary>
    TooManyRedirects,
}
