namespace Concord.Observables;

/// <summary>
/// An address or CIDR network in one 128-bit space where IPv4 <c>a.b.c.d</c> is the IPv4-mapped
/// <c>::ffff:a.b.c.d</c> and an IPv4 /n is a /(96+n). One space means one index answers both families and an
/// IPv4-mapped IPv6 value matches the IPv4 network that contains it, whichever way either was written.
/// </summary>
/// <param name="First">The network address (host bits cleared).</param>
/// <param name="Prefix">The prefix length in the 128-bit space (an IPv4 /24 is 120).</param>
public readonly record struct IpNetwork(UInt128 First, int Prefix)
{
    /// <summary>The IPv4-mapped prefix <c>::ffff:0:0/96</c>.</summary>
    public static readonly UInt128 MappedPrefix = (UInt128)0xFFFF << 32;

    /// <summary>The last address in the network.</summary>
    public UInt128 Last => First | HostMask(Prefix);

    /// <summary>True when the network lies inside <c>::ffff:0:0/96</c>, so it prints as IPv4.</summary>
    public bool IsV4 => Prefix >= 96 && (First >> 32) == 0xFFFF;

    /// <summary>True for a single address (/32 or /128).</summary>
    public bool IsAddress => Prefix == 128;

    /// <summary>A network from any address inside it; host bits are cleared.</summary>
    public static IpNetwork Create(UInt128 address, int prefix) => new(address & ~HostMask(prefix), prefix);

    /// <summary>True when <paramref name="address"/> lies in this network.</summary>
    public bool Contains(UInt128 address) => address >= First && address <= Last;

    /// <summary>True when all of <paramref name="other"/> lies in this network.</summary>
    public bool Contains(IpNetwork other) => other.First >= First && other.Last <= Last;

    /// <summary>The observable kind this network prints as.</summary>
    public ObservableKind Kind => (IsV4, IsAddress) switch
    {
        (true, true) => ObservableKind.Ipv4Address,
        (true, false) => ObservableKind.Ipv4Network,
        (false, true) => ObservableKind.Ipv6Address,
        (false, false) => ObservableKind.Ipv6Network,
    };

    /// <summary>Canonical text: dotted quad or RFC 5952, with <c>/n</c> (in the family's own terms) unless a single address.</summary>
    public override string ToString()
    {
        var address = IsV4 ? IpText.FormatV4((uint)First) : IpText.FormatV6(First);
        return IsAddress ? address : $"{address}/{(IsV4 ? Prefix - 96 : Prefix)}";
    }

    private static UInt128 HostMask(int prefix) => prefix >= 128 ? UInt128.Zero : UInt128.MaxValue >> prefix;
}
