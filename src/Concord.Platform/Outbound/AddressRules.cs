using System.Net;
using System.Net.Sockets;

namespace Concord.Platform.Outbound;

/// <summary>
/// Which addresses an outbound call may not reach unless a node admin allow-lists them: everything that is not the
/// public internet. An IPv6 address that carries an IPv4 one (IPv4-mapped, IPv4-compatible, NAT64, 6to4) is judged by
/// the IPv4 address it leads to, so <c>::ffff:127.0.0.1</c> is loopback.
/// </summary>
internal static class AddressRules
{
    // Order matters: the first range that holds the address names the rule, so the metadata addresses come before
    // the link-local, shared and private ranges around them, and broadcast before the reserved 240.0.0.0/4.
    private static readonly (IPNetwork Range, OutboundRefusal Rule)[] Ranges =
    [
        (IPNetwork.Parse("169.254.169.254/32"), OutboundRefusal.CloudMetadata), // AWS, Azure, GCP, OpenStack, …
        (IPNetwork.Parse("169.254.170.2/32"), OutboundRefusal.CloudMetadata), // AWS ECS task credentials
        (IPNetwork.Parse("100.100.100.200/32"), OutboundRefusal.CloudMetadata), // Alibaba Cloud
        (IPNetwork.Parse("168.63.129.16/32"), OutboundRefusal.CloudMetadata), // Azure's host agent: a public address that answers inside Azure only
        (IPNetwork.Parse("fd00:ec2::254/128"), OutboundRefusal.CloudMetadata), // AWS over IPv6
        (IPNetwork.Parse("0.0.0.0/8"), OutboundRefusal.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), OutboundRefusal.Private),
        (IPNetwork.Parse("100.64.0.0/10"), OutboundRefusal.SharedAddressSpace),
        (IPNetwork.Parse("127.0.0.0/8"), OutboundRefusal.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), OutboundRefusal.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), OutboundRefusal.Private),
        (IPNetwork.Parse("192.0.0.0/24"), OutboundRefusal.Reserved),
        (IPNetwork.Parse("192.168.0.0/16"), OutboundRefusal.Private),
        (IPNetwork.Parse("198.18.0.0/15"), OutboundRefusal.Reserved),
        (IPNetwork.Parse("224.0.0.0/4"), OutboundRefusal.Multicast),
        (IPNetwork.Parse("255.255.255.255/32"), OutboundRefusal.Broadcast),
        (IPNetwork.Parse("240.0.0.0/4"), OutboundRefusal.Reserved),
        (IPNetwork.Parse("::/128"), OutboundRefusal.Unspecified),
        (IPNetwork.Parse("::1/128"), OutboundRefusal.Loopback),
        (IPNetwork.Parse("100::/64"), OutboundRefusal.Reserved),
        (IPNetwork.Parse("fc00::/7"), OutboundRefusal.Private),
        (IPNetwork.Parse("fe80::/10"), OutboundRefusal.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), OutboundRefusal.Private),
        (IPNetwork.Parse("ff00::/8"), OutboundRefusal.Multicast),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");

    /// <summary>The rule that refuses <paramref name="address"/>, or null for a public address.</summary>
    public static OutboundRefusal? Classify(IPAddress address)
    {
        var target = Effective(address);
        foreach (var (range, rule) in Ranges)
        {
            if (range.Contains(target))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>The address a connection to <paramref name="address"/> ends up at: the IPv4 address an IPv6 form carries.</summary>
    public static IPAddress Effective(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (SixToFour.Contains(address))
        {
            return new IPAddress(bytes.Slice(2, 4));
        }

        // ::/96 also holds :: and ::1, which are IPv6's own unspecified and loopback addresses, not IPv4 ones.
        var embedsLastFour = Nat64.Contains(address) || (Compatible.Contains(address) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback));
        return embedsLastFour ? new IPAddress(bytes[12..]) : address;
    }

    /// <summary>How a refusal reads in a message: "127.0.0.1 is loopback".</summary>
    public static string Describe(OutboundRefusal rule) => rule switch
    {
        OutboundRefusal.Loopback => "loopback",
        OutboundRefusal.LinkLocal => "link-local",
        OutboundRefusal.Private => "a private address",
        OutboundRefusal.SharedAddressSpace => "in the carrier-grade NAT range 100.64.0.0/10",
        OutboundRefusal.CloudMetadata => "a cloud metadata service",
        OutboundRefusal.Unspecified => "unspecified (this host)",
        OutboundRefusal.Multicast => "multicast",
        OutboundRefusal.Broadcast => "broadcast",
        OutboundRefusal.Reserved => "a reserved address",
        OutboundRefusal.RedirectToHttp => "a redirect from https to http",
        OutboundRefusal.RedirectScheme => "a redirect to a scheme other than http or https",
        OutboundRefusal.TooManyRedirects => "one redirect too many",
    };
}
