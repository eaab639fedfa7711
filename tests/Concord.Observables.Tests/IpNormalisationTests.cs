using Concord.Observables;
using static Concord.Observables.Tests.ObservableAssert;

namespace Concord.Observables.Tests;

public sealed class IpNormalisationTests
{
    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1", ObservableKind.Ipv4Address)]
    [InlineData(" 192.0.2.1 ", "192.0.2.1", ObservableKind.Ipv4Address)]
    [InlineData("192.0.2.1/32", "192.0.2.1", ObservableKind.Ipv4Address)]
    [InlineData("10.1.2.3/8", "10.0.0.0/8", ObservableKind.Ipv4Network)]
    [InlineData("0.0.0.0/0", "0.0.0.0/0", ObservableKind.Ipv4Network)]
    public void Ipv4_Values_NormaliseToAddressOrMaskedNetwork(string raw, string expected, ObservableKind kind) =>
        Normalises(ObservableKind.Ipv4Address, raw, expected, kind);

    [Theory]
    [InlineData("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1")]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("2001:db8::1/128", "2001:db8::1")]
    public void Ipv6_Addresses_PrintAsRfc5952(string raw, string expected) =>
        Normalises(ObservableKind.Ipv6Address, raw, expected);

    [Theory]
    [InlineData("2001:DB8::/32", "2001:db8::/32")]
    [InlineData("2001:db8::ffff/32", "2001:db8::/32")]
    [InlineData("::/0", "::/0")]
    public void Ipv6_Networks_AreMaskedAndLowerCase(string raw, string expected) =>
        Normalises(ObservableKind.Ipv6Network, raw, expected, ObservableKind.Ipv6Network);

    [Theory]
    [InlineData(ObservableKind.Ipv6Address, "::ffff:192.0.2.1", "192.0.2.1", ObservableKind.Ipv4Address)]
    [InlineData(ObservableKind.Ipv6Address, "::FFFF:c000:0201", "192.0.2.1", ObservableKind.Ipv4Address)]
    [InlineData(ObservableKind.Ipv4Address, "::ffff:192.0.2.1", "192.0.2.1", ObservableKind.Ipv4Address)]
    [InlineData(ObservableKind.Ipv6Network, "::ffff:192.0.2.0/120", "192.0.2.0/24", ObservableKind.Ipv4Network)]
    public void Ipv4MappedIpv6_NormalisesToIpv4(ObservableKind declared, string raw, string expected, ObservableKind kind) =>
        Normalises(declared, raw, expected, kind);

    [Theory]
    [InlineData(ObservableKind.Ipv4Address, "10.1")]
    [InlineData(ObservableKind.Ipv4Address, "010.1.2.3")]
    [InlineData(ObservableKind.Ipv4Address, "256.1.2.3")]
    [InlineData(ObservableKind.Ipv4Address, "1.2.3.4/33")]
    [InlineData(ObservableKind.Ipv4Address, "1.2.3.4/")]
    [InlineData(ObservableKind.Ipv4Address, "2001:db8::1")]
    [InlineData(ObservableKind.Ipv6Address, "192.0.2.1")]
    [InlineData(ObservableKind.Ipv6Address, "fe80::1%eth0")]
    [InlineData(ObservableKind.Ipv6Address, "2001:db8::1/129")]
    [InlineData(ObservableKind.Ipv6Address, "2001:db8:::1")]
    [InlineData(ObservableKind.Ipv4Address, "")]
    public void Ip_MalformedValues_AreRejected(ObservableKind kind, string raw) => Rejects(kind, raw);

    [Fact]
    public void Ipv4_LeadingZero_IsRejectedWithTheReason() =>
        Assert.Contains("octal", Rejects(ObservableKind.Ipv4Address, "192.168.01.1"), StringComparison.Ordinal);
}
