using System.Text;
using Concord.Intel.Features.Export.Defender;

namespace Concord.Intel.Tests.Export;

/// <summary>Which indicators give rule and list entries: patterns of plain values only, live ones only.</summary>
public class IndicatorValuesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("[ipv4-addr:value = '198.51.100.7']", "Ip:198.51.100.7")]
    [InlineData("[ipv4-addr:value = '198.51.100.0/24']", "Ip:198.51.100.0/24")]
    [InlineData("[ipv6-addr:value = '2001:DB8::1']", "Ip:2001:db8::1")]
    [InlineData("[domain-name:value = 'Evil.Example.'] OR [domain-name:value = 'b.example']", "Domain:evil.example,Domain:b.example")]
    [InlineData("[url:value = 'HTTP://evil.example/a?b=1']", "Url:http://evil.example/a?b=1")]
    [InlineData("[file:hashes.'SHA-256' = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855']", "Hash:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' OR file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']", "Hash:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("[ipv4-addr:value IN ('192.0.2.1', '192.0.2.2')]", "Ip:192.0.2.1,Ip:192.0.2.2")]
    [InlineData("[network-traffic:extensions.'x-tls'.ja3 = 'E7D705A3286E19EA42F587B344EE6865']", "Ja3:e7d705a3286e19ea42f587b344ee6865")]
    public void PlainValues_AreRead(string pattern, string expected)
    {
        var entry = IndicatorValues.Read(Indicator(pattern), Now);
        Assert.Equal(expected, string.Join(',', entry!.Values.Select(v => $"{v.Kind}:{v.Text}")));
    }

    [Theory]
    [InlineData("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' AND file:name = 'a.exe']")] // AND narrows: a rule for the hash would not
    [InlineData("[ipv4-addr:value = '192.0.2.1'] AND [domain-name:value = 'a.example']")]
    [InlineData("[ipv4-addr:value = '192.0.2.1'] FOLLOWEDBY [ipv4-addr:value = '192.0.2.2']")]
    [InlineData("[ipv4-addr:value = '192.0.2.1'] WITHIN 60 SECONDS")]
    [InlineData("[ipv4-addr:value != '192.0.2.1']")]
    [InlineData("[NOT ipv4-addr:value = '192.0.2.1']")]
    [InlineData("[domain-name:value LIKE '%.example']")]
    [InlineData("[ipv4-addr:value ISSUBSET '192.0.2.0/24']")]
    [InlineData("[email-addr:value = 'a@example.org']")] // no rule or list for e-mail
    [InlineData("[ipv4-addr:value = '192.0.2.1' OR email-addr:value = 'a@example.org']")] // one unusable alternative: all or nothing
    [InlineData("[ipv4-addr:value = '192.0.2.300']")]
    public void OtherPatterns_AreSkipped(string pattern) => Assert.Null(IndicatorValues.Read(Indicator(pattern), Now));

    [Fact]
    public void RevokedExpiredAndNonStixIndicators_AreSkipped()
    {
        Assert.Null(IndicatorValues.Read(Indicator("[ipv4-addr:value = '192.0.2.1']", "\"revoked\": true"), Now));
        Assert.Null(IndicatorValues.Read(Indicator("[ipv4-addr:value = '192.0.2.1']", "\"valid_until\": \"2026-05-31T23:59:59Z\""), Now));
        Assert.NotNull(IndicatorValues.Read(Indicator("[ipv4-addr:value = '192.0.2.1']", "\"valid_until\": \"2026-06-02T00:00:00Z\""), Now));
        Assert.Null(IndicatorValues.Read(Encoding.UTF8.GetBytes("""{"type":"indicator","id":"indicator--1","pattern":"alert ip any any -> any any","pattern_type":"snort"}"""), Now));
    }

    internal static byte[] Indicator(string pattern, string? extra = null) => Encoding.UTF8.GetBytes(
        $$"""{"type":"indicator","id":"indicator--6f7e9ff4-7b2f-4b8c-9c2b-3c7ed8d0a001","name":"n","pattern":{{System.Text.Json.JsonSerializer.Serialize(pattern)}},"pattern_type":"stix"{{(extra is null ? "" : "," + extra)}}}""");
}
