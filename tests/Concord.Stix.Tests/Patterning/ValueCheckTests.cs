using Concord.Stix.Patterning;

namespace Concord.Stix.Tests.Patterning;

/// <summary>Constants that parse but that the compared property can never hold are refused, with where they are.</summary>
public class ValueCheckTests
{
    private static PatternIssue SingleValueIssue(string pattern) =>
        Assert.Single(StixPattern.Inspect(pattern), i => i.Rule is PatternRules.Value or PatternRules.ValueType);

    [Theory]
    [InlineData("[ipv4-addr:value = '999.1.2.3']", 19)]
    [InlineData("[ipv4-addr:value = '198.51.100.0/33']", 19)]
    [InlineData("[ipv4-addr:value ISSUBSET '198.51.100.0/40']", 26)]
    [InlineData("[ipv4-addr:value IN ('198.51.100.7', '300.1.1.1')]", 37)]
    [InlineData("[ipv6-addr:value = '2001:db8::g']", 19)]
    [InlineData("[mac-addr:value = '00:00:5E:00:53:01']", 18)]
    [InlineData("[domain-name:value = 'http://evil.example/x']", 21)]
    [InlineData("[domain-name:value = 'evil..example']", 21)]
    [InlineData("[url:value = 'http://evil example/']", 13)]
    [InlineData("[email-addr:value = 'Someone <someone@evil.example>']", 20)]
    [InlineData("[email-message:to_refs[0].value = 'nobody']", 34)]
    [InlineData("[file:hashes.'SHA-256' = 'abc']", 25)]
    [InlineData("[file:hashes.MD5 = 'zz3b8a2b4bb6b9fd1dc6c1e5c1a3e0f0']", 19)]
    [InlineData("[artifact:hashes.'SHA-1' = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb1']", 27)]
    [InlineData("[network-traffic:dst_port = 70000]", 28)]
    [InlineData("[network-traffic:src_port = -1]", 28)]
    [InlineData("[autonomous-system:number = 4294967296]", 28)]
    [InlineData("[file:size = -5]", 13)]
    public void Inspect_ImpossibleValue_IsAnErrorAtTheConstant(string pattern, int position)
    {
        var issue = SingleValueIssue(pattern);

        Assert.Equal((StixSeverity.Error, PatternRules.Value, position), (issue.Severity, issue.Rule, issue.Position));
        Assert.StartsWith($"At column {position + 1}: ", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_ImpossibleIpv4_NamesTheValueThePathAndWhatItHolds()
    {
        var issue = SingleValueIssue("[ipv4-addr:value = '999.1.2.3']");

        Assert.Equal(
            "At column 20: '999.1.2.3' is not a valid ipv4-addr:value (expected an IPv4 address or CIDR, e.g. 198.51.100.7 or 198.51.100.0/24).",
            issue.Message);
    }

    [Theory]
    [InlineData("[network-traffic:dst_port = '80']", "it is text and the property holds an integer")]
    [InlineData("[ipv4-addr:value = 5]", "it is an integer and the property holds text")]
    [InlineData("[domain-name:value = t'2020-01-01T00:00:00Z']", "it is a timestamp and the property holds text")]
    public void Inspect_ConstantOfAnotherKind_IsAValueTypeError(string pattern, string reason)
    {
        var issue = SingleValueIssue(pattern);

        Assert.Equal((StixSeverity.Error, PatternRules.ValueType), (issue.Severity, issue.Rule));
        Assert.Contains(reason, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_UrlWithoutScheme_IsAWarning_ForRfc3986AllowsARelativeReference()
    {
        var issue = SingleValueIssue("[url:value = 'www.evil.example/x.exe']");

        Assert.Equal((StixSeverity.Warning, PatternRules.Value, 13), (issue.Severity, issue.Rule, issue.Position));
    }

    [Fact]
    public void Check_ImpossibleValue_IsAnErrorAtThePatternsPathWithTheColumnInItsMessage()
    {
        var issue = Assert.Single(StixPattern.Check("[ipv4-addr:value = '999.1.2.3']", "$.objects[0].pattern"));

        Assert.Equal(("$.objects[0].pattern", "pattern-value"), (issue.Path, issue.Rule));
        Assert.Contains("At column 20", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[ipv4-addr:value = '198.51.100.7'] OR [ipv4-addr:value = '198.51.100.0/24']")]
    [InlineData("[ipv4-addr:value ISSUBSET '198.51.100.0/24']")]
    [InlineData("[ipv6-addr:value = '::ffff:198.51.100.7' OR ipv6-addr:value = '2001:DB8::/32']")]
    [InlineData("[mac-addr:value = '00:00:5e:00:53:01']")]
    [InlineData("[domain-name:value IN ('bücher.example', 'xn--bcher-kva.example', '_dmarc.example.com', '*.evil.example', 'evil.example.')]")]
    [InlineData("[domain-name:value LIKE '% evil %' OR domain-name:value MATCHES '^evil[.]']")]
    [InlineData("[url:value = 'hxxp://evil[.]example/a'] OR [url:value = 'http://198.51.100.7:8080/x?q=%20']")]
    [InlineData("[email-addr:value = 'someone@evil.example' OR email-addr:value = 'a@[198.51.100.7]']")]
    [InlineData("[email-message:from_ref.value = 'someone@evil.example']")]
    [InlineData("[file:hashes.'SHA-256' = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855']")]
    [InlineData("[file:hashes.SSDEEP = 'whatever tools write' OR file:hashes.'x-custom' = 'z']")]
    [InlineData("[network-traffic:dst_port = 0 OR network-traffic:src_port = 65535 OR network-traffic:dst_port > 70000]")]
    [InlineData("[network-traffic:dst_port IN (80, 443.0)]")]
    [InlineData("[autonomous-system:number = 4294967295]")]
    [InlineData("[file:hashes.MD5 = h'd41d8cd98f00b204e9800998ecf8427e']")]
    public void Inspect_PossibleValues_HaveNoValueFindings(string pattern)
    {
        Assert.DoesNotContain(StixPattern.Inspect(pattern), i => i.Rule is PatternRules.Value or PatternRules.ValueType && i.Severity == StixSeverity.Error);
    }

    [Fact]
    public void Inspect_ImpossibleTimestamp_IsASyntaxErrorAtTheConstant()
    {
        var issue = Assert.Single(StixPattern.Inspect("[file:created = t'2020-13-01T00:00:00Z']"));

        Assert.Equal(("pattern-syntax", 16), (issue.Rule, issue.Position));
    }
}
