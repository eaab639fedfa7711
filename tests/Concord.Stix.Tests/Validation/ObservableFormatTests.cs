namespace Concord.Stix.Tests.Validation;

public class ObservableFormatTests
{
    private static Concord.Stix.Validation.StixValidationResult Sco(string type, string property, string value) =>
        Stix.Validate($$"""{"type":"{{type}}","spec_version":"2.1","id":"{{type}}--2d3e0a3e-6b7f-5d1c-9c3a-7a2e2c7f0d11","{{property}}":"{{value}}"}""");

    [Theory]
    [InlineData("2001:0db8:85a3:0000:0000:8a2e:0370:7334")]
    [InlineData("2001:db8::8a2e:370:7334")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("2001:db8::/32")]
    [InlineData("::ffff:192.0.2.128")]
    public void Validate_Ipv6Value_IsAccepted(string value) => Stix.Clean(Sco("ipv6-addr", "value", value));

    [Theory]
    [InlineData("2001:db8::8a2e::7334")]
    [InlineData("2001:db8:85a3:0:0:8a2e:370")]
    [InlineData("12345::1")]
    [InlineData("198.51.100.1")]
    [InlineData("::1/129")]
    public void Validate_MalformedIpv6Value_ReportsValueFormat(string value) => Stix.HasError(Sco("ipv6-addr", "value", value), "value-format", "$.value");

    [Theory]
    [InlineData("198.51.100.256")]
    [InlineData("198.51.100")]
    [InlineData("198.51.100.3/33")]
    [InlineData("010.1.1.1")]
    public void Validate_MalformedIpv4Value_ReportsValueFormat(string value) => Stix.HasError(Sco("ipv4-addr", "value", value), "value-format", "$.value");

    [Fact]
    public void Validate_Ipv4Cidr_IsAccepted() => Stix.Clean(Sco("ipv4-addr", "value", "198.51.100.0/24"));

    [Fact]
    public void Validate_CpeNot23_ReportsValueFormat() =>
        Stix.HasError(Stix.Validate("""{"type":"software","spec_version":"2.1","id":"software--a1827f6d-ca53-5605-9e93-4316cd22a00a","name":"Word","cpe":"cpe:/a:microsoft:word:2000"}"""), "value-format", "$.cpe");

    [Fact]
    public void Validate_Cpe23_IsAccepted() =>
        Stix.Clean(Stix.Validate("""{"type":"software","spec_version":"2.1","id":"software--a1827f6d-ca53-5605-9e93-4316cd22a00a","name":"Word","cpe":"cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*"}"""));

    [Fact]
    public void Validate_AbbreviatedRegistryHive_ReportsValueFormat() =>
        Stix.HasError(Sco("windows-registry-key", "key", "HKLM\\\\SOFTWARE\\\\Microsoft"), "value-format", "$.key");

    [Fact]
    public void Validate_CustomObservableWithExtension_UsesObservableCommonProperties() =>
        Stix.Clean(Stix.Validate("""{"type":"x-acme-sensor","spec_version":"2.1","id":"x-acme-sensor--2d3e0a3e-6b7f-5d1c-9c3a-7a2e2c7f0d11","serial":"A1","extensions":{"extension-definition--a932fcc6-e032-476c-826f-cb970a5a1ade":{"extension_type":"new-sco"}}}"""));
}
