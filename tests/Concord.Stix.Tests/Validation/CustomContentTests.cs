using System.Text.Json.Nodes;

namespace Concord.Stix.Tests.Validation;

public class CustomContentTests
{
    [Theory]
    [InlineData("x_Upper")]
    [InlineData("xy")]
    [InlineData("x-dash")]
    [InlineData("_x_lead")]
    public void Validate_BadCustomPropertyName_ReportsError(string name) =>
        Stix.HasError(Stix.Mutate("malware", o => o[name] = "v"), "custom-property-name", name.Contains('-', StringComparison.Ordinal) ? $"$['{name}']" : $"$.{name}");

    [Fact]
    public void Validate_CustomPropertyWithoutPrefix_ReportsWarning()
    {
        var result = Stix.Mutate("malware", o => o["internal_score"] = 3);
        Stix.HasWarning(result, "custom-property-prefix", "$.internal_score");
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_PrefixedCustomProperty_IsClean() => Stix.Clean(Stix.Mutate("malware", o => o["x_acme_score"] = 3));

    [Fact]
    public void Validate_CustomHexPropertyNotHex_ReportsHexFormat() =>
        Stix.HasError(Stix.Mutate("malware", o => o["x_magic_hex"] = "xyz"), "hex-format", "$.x_magic_hex");

    [Fact]
    public void Validate_ToplevelPropertyExtension_SuppressesPrefixWarning() =>
        Stix.Clean(Stix.Mutate("malware", o =>
        {
            o["rank"] = 5;
            o["extensions"] = new JsonObject
            {
                ["extension-definition--a932fcc6-e032-476c-826f-cb970a5a1ade"] = new JsonObject { ["extension_type"] = "toplevel-property-extension" },
            };
        }));

    [Fact]
    public void Validate_ExtensionWithUnknownType_ReportsEnumValue() =>
        Stix.HasError(Stix.Mutate("malware", o => o["extensions"] = new JsonObject
        {
            ["extension-definition--a932fcc6-e032-476c-826f-cb970a5a1ade"] = new JsonObject { ["extension_type"] = "new-thing" },
        }), "enum-value", "$.extensions['extension-definition--a932fcc6-e032-476c-826f-cb970a5a1ade'].extension_type");

    [Fact]
    public void Validate_ExtensionKeyNotIdOrExtName_ReportsExtensionKey() =>
        Stix.HasError(Stix.Mutate("file", o => o["extensions"] = new JsonObject { ["pebinary"] = new JsonObject { ["a"] = 1 } }), "extension-key", "$.extensions.pebinary");

    [Fact]
    public void Validate_PredefinedExtensionMissingRequired_ReportsRequired() =>
        Stix.HasError(Stix.Mutate("file", o => o["extensions"] = new JsonObject { ["windows-pebinary-ext"] = new JsonObject { ["imphash"] = "x" } }),
            "required", "$.extensions['windows-pebinary-ext'].pe_type");

    [Fact]
    public void Validate_OpenVocabularyValueOutsideList_ReportsWarningOnly()
    {
        var result = Stix.Mutate("malware", o => o["malware_types"] = new JsonArray("cryptominer"));
        Stix.HasWarning(result, "open-vocabulary", "$.malware_types[0]");
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_WarningsOff_OmitsWarnings()
    {
        var sample = Stix.Sample("malware");
        sample["malware_types"] = new JsonArray("cryptominer");
        var result = Stix.Validate(sample, new Concord.Stix.Validation.StixValidationOptions { IncludeWarnings = false });
        Stix.Clean(result);
    }
}
