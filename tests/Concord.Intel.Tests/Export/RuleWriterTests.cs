using System.Text;
using Concord.Intel.Features.Export.Defender;
using Concord.Stix;
using Concord.Testing;

namespace Concord.Intel.Tests.Export;

/// <summary>Rules as written parse to each engine's grammar, say what they match, and escape whatever a name or value holds.</summary>
public class RuleWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, bool> Patterns() => new()
    {
        { "[ipv4-addr:value = '198.51.100.7']", true }, { "[ipv4-addr:value = '198.51.100.0/24']", true },
        { "[ipv6-addr:value = '2001:db8::/32']", true }, { "[domain-name:value = 'evil.example']", true },
        { "[url:value = 'http://evil.example:8080/a;b?c=\"d\"|e\\\\f']", true }, { "[network-traffic:extensions.'x'.ja3 = 'e7d705a3286e19ea42f587b344ee6865']", true },
        { "[ipv4-addr:value = '198.51.100.7']", false }, { "[domain-name:value = 'evil.example']", false },
        { "[url:value = 'http://evil.example/a;b?c=\"d\"|e']", false },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void EveryRule_ParsesToItsEnginesGrammar_WithAHostileName(string pattern, bool suricata)
    {
        var writer = new RuleWriter(suricata ? RuleDialect.Suricata : RuleDialect.Snort, new Uri("https://concord.example/"));
        var entry = IndicatorValues.Read(IndicatorValuesTests.Indicator(pattern), Now)! with { Name = "evil\"; sid:1; rev:1;) alert ip any any -> any any (msg:\"x\\" };
        var rule = writer.Rule(entry, entry.Values[0], Tlp.Amber)!;

        var parsed = RuleGrammar.Parse(rule, suricata);

        Assert.Equal("alert", parsed.Action);
        Assert.StartsWith("\"Concord ", parsed.Value("msg"), StringComparison.Ordinal);
        Assert.Contains(entry.Id, parsed.Value("msg"), StringComparison.Ordinal);
        Assert.Equal($"concord_id {entry.Id}, tlp amber", parsed.Value("metadata"));
        Assert.Equal($"url,concord.example/intel/objects/{entry.Id}", parsed.Value("reference"));
        Assert.InRange(parsed.Sid, RuleText.FirstSid, RuleText.FirstSid + RuleText.SidCount - 1);
        Assert.Single(parsed.Options, o => o.Keyword == "sid");
    }

    [Fact]
    public void Rules_MatchWhatTheIndicatorSays()
    {
        var suricata = new RuleWriter(RuleDialect.Suricata, null);
        var snort = new RuleWriter(RuleDialect.Snort, null);
        string Rule(RuleWriter writer, string pattern)
        {
            var entry = IndicatorValues.Read(IndicatorValuesTests.Indicator(pattern), Now)!;
            return writer.Rule(entry, entry.Values[0], Tlp.Green)!;
        }

        var ip = RuleGrammar.Parse(Rule(suricata, "[ipv6-addr:value = '2001:db8::1']"), suricata: true);
        Assert.Equal(("ip", "[2001:db8::1]", "<>"), (ip.Protocol, ip.Destination, ip.Direction));

        var dns = RuleGrammar.Parse(Rule(suricata, "[domain-name:value = 'evil.example']"), suricata: true);
        Assert.Equal(["msg", "dns.query", "dotprefix", "content", "nocase", "endswith"], dns.Options.Select(o => o.Keyword).Take(6));
        Assert.Equal(".evil.example", Encoding.ASCII.GetString(dns.Contents.Single()));

        var http = RuleGrammar.Parse(Rule(suricata, "[url:value = 'http://Evil.example:8080/a;b?c=|']"), suricata: true);
        Assert.Equal(["evil.example", "/a;b?c=%7C"], http.Contents.Select(c => Encoding.ASCII.GetString(c)));

        var wire = RuleGrammar.Parse(Rule(snort, "[domain-name:value = 'evil.example']"), suricata: false);
        Assert.Equal("\u0004evil\u0007example\0", Encoding.ASCII.GetString(wire.Contents.Single()));

        var ja3 = RuleGrammar.Parse(Rule(suricata, "[x-ja3:hash = 'e7d705a3286e19ea42f587b344ee6865']"), suricata: true);
        Assert.Equal(("tls", "ja3.hash"), (ja3.Protocol, ja3.Options[1].Keyword));
    }

    [Theory]
    [InlineData("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']", true)] // hashes: the hash list, not a rule
    [InlineData("[url:value = 'https://evil.example/a']", true)] // the path is encrypted
    [InlineData("[x-ja3:hash = 'e7d705a3286e19ea42f587b344ee6865']", false)] // Snort 2.9 has no JA3
    public void ValuesAnEngineCannotMatch_GetNoRule(string pattern, bool suricata)
    {
        var entry = IndicatorValues.Read(IndicatorValuesTests.Indicator(pattern), Now)!;
        Assert.Null(new RuleWriter(suricata ? RuleDialect.Suricata : RuleDialect.Snort, null).Rule(entry, entry.Values[0], Tlp.Green));
    }

    [Fact]
    public void Sids_DependOnTheIndicatorAndValueOnly_AndATakenSidMovesToTheNextFree()
    {
        var value = new IndicatorValue(IndicatorValueKind.Ip, null, "192.0.2.1");
        var first = new SidAllocator();
        var second = new SidAllocator();
        second.Next("indicator--other", new IndicatorValue(IndicatorValueKind.Ip, null, "192.0.2.2"));

        Assert.Equal(first.Next("indicator--a", value), second.Next("indicator--a", value));
        Assert.NotEqual(RuleText.Sid("indicator--a", value), RuleText.Sid("indicator--b", value));
        Assert.Equal(RuleText.Sid("indicator--a", value) + 1, first.Next("indicator--a", value));
    }

    [Theory]
    [InlineData("plain.example/path")]
    [InlineData("a;b\"c\\d|e:f")]
    [InlineData("ünïcode\r\n\t")]
    public void Content_DecodesToTheValuesBytes(string value) =>
        Assert.Equal(Encoding.UTF8.GetBytes(value), RuleGrammar.Decode("\"" + RuleText.Content(value) + "\""));
}
