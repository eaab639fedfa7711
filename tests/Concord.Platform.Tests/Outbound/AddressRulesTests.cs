using System.Net;
using Concord.Platform.Outbound;

namespace Concord.Platform.Tests.Outbound;

public class AddressRulesTests
{
    [Theory]
    [InlineData("127.0.0.1", OutboundRefusal.Loopback)]
    [InlineData("127.255.255.254", OutboundRefusal.Loopback)]
    [InlineData("::1", OutboundRefusal.Loopback)]
    [InlineData("::ffff:127.0.0.1", OutboundRefusal.Loopback)]
    [InlineData("::127.0.0.1", OutboundRefusal.Loopback)]
    [InlineData("64:ff9b::7f00:1", OutboundRefusal.Loopback)]
    [InlineData("2002:7f00:1::1", OutboundRefusal.Loopback)]
    [InlineData("0.0.0.0", OutboundRefusal.Unspecified)]
    [InlineData("0.1.2.3", OutboundRefusal.Unspecified)]
    [InlineData("::", OutboundRefusal.Unspecified)]
    [InlineData("169.254.169.254", OutboundRefusal.CloudMetadata)]
    [InlineData("::ffff:169.254.169.254", OutboundRefusal.CloudMetadata)]
    [InlineData("fd00:ec2::254", OutboundRefusal.CloudMetadata)]
    [InlineData("100.100.100.200", OutboundRefusal.CloudMetadata)]
    [InlineData("169.254.1.1", OutboundRefusal.LinkLocal)]
    [InlineData("fe80::1", OutboundRefusal.LinkLocal)]
    [InlineData("febf:ffff::1", OutboundRefusal.LinkLocal)]
    [InlineData("10.0.0.1", OutboundRefusal.Private)]
    [InlineData("172.16.0.1", OutboundRefusal.Private)]
    [InlineData("172.31.255.255", OutboundRefusal.Private)]
    [InlineData("192.168.1.1", OutboundRefusal.Private)]
    [InlineData("::ffff:10.1.2.3", OutboundRefusal.Private)]
    [InlineData("fd00::1", OutboundRefusal.Private)]
    [InlineData("fc00::1", OutboundRefusal.Private)]
    [InlineData("fec0::1", OutboundRefusal.Private)]
    [InlineData("100.64.0.1", OutboundRefusal.SharedAddressSpace)]
    [InlineData("100.127.255.254", OutboundRefusal.SharedAddressSpace)]
    [InlineData("224.0.0.1", OutboundRefusal.Multicast)]
    [InlineData("239.255.255.250", OutboundRefusal.Multicast)]
    [InlineData("ff02::1", OutboundRefusal.Multicast)]
    [InlineData("255.255.255.255", OutboundRefusal.Broadcast)]
    [InlineData("240.0.0.1", OutboundRefusal.Reserved)]
    [InlineData("192.0.0.8", OutboundRefusal.Reserved)]
    [InlineData("198.18.0.1", OutboundRefusal.Reserved)]
    [InlineData("100::1", OutboundRefusal.Reserved)]
    public void Classify_AnAddressOffThePublicInternet_NamesItsRule(string address, OutboundRefusal expected)
    {
        Assert.Equal(expected, AddressRules.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("203.0.113.10")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("169.255.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Classify_APublicAddress_IsNotRefused(string address)
    {
        Assert.Null(AddressRules.Classify(IPAddress.Parse(address)));
    }
}
