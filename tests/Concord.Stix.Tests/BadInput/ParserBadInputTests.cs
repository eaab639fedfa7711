namespace Concord.Stix.Tests.BadInput;

public class ParserBadInputTests
{
    [Theory]
    [InlineData("""{"type":"indicator",""", "json-syntax")]
    [InlineData("""{"type":"indicator",}""", "json-syntax")]
    [InlineData("""{"type":'indicator'}""", "json-syntax")]
    [InlineData("""{"type":"indicator"} trailing""", "json-syntax")]
    [InlineData("""{"type":"indicator" /* comment */}""", "json-syntax")]
    [InlineData("", "json-syntax")]
    [InlineData("""["type","indicator"]""", "not-an-object")]
    [InlineData("\"indicator\"", "not-an-object")]
    [InlineData("42", "not-an-object")]
    [InlineData("null", "not-an-object")]
    [InlineData("""{"type":"indicator","id":"a","id":"b"}""", "json-syntax")]
    [InlineData("""{"a":{"x":1,"x":2}}""", "json-syntax")]
    public void TryParse_MalformedOrWrongShape_GivesAClearErrorWithoutThrowing(string json, string rule)
    {
        Assert.False(StixParser.TryParse(json, out var obj, out var error));
        Assert.Null(obj);
        Assert.Equal(rule, error.Rule);
        Assert.Equal(StixSeverity.Error, error.Severity);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void TryParse_InvalidUtf8_IsRejected()
    {
        byte[] bytes = [.. "{\"name\":\""u8, 0xC0, 0xAF, .. "\"}"u8];

        Assert.False(StixParser.TryParse(bytes, out _, out var error));
        Assert.Equal("invalid-utf8", error.Rule);
    }

    [Fact]
    public void TryParse_DeeperThanTheLimit_IsRejectedAsTooDeep()
    {
        var json = "{\"a\":" + new string('[', 70) + new string(']', 70) + "}";

        Assert.False(StixParser.TryParse(json, out _, out var error));
        Assert.Equal("too-deep", error.Rule);
        Assert.True(StixParser.TryParse(json, out var obj, out _, new StixReaderOptions { MaxDepth = 100 }));
        obj.Dispose();
    }

    [Fact]
    public void TryParse_StringLongerThanTheLimit_IsRejected()
    {
        var options = new StixReaderOptions { MaxStringBytes = 100 };
        var json = "{\"type\":\"note\",\"content\":\"" + new string('x', 101) + "\"}";
        var longName = "{\"" + new string('k', 101) + "\":1}";

        Assert.False(StixParser.TryParse(json, out _, out var error, options));
        Assert.Equal("string-too-long", error.Rule);
        Assert.False(StixParser.TryParse(longName, out _, out error, options));
        Assert.Equal("string-too-long", error.Rule);
    }

    [Fact]
    public void TryParse_StringJustUnderTheLimitWithEscapes_IsAccepted()
    {
        // The limit counts the encoded bytes as written; this input is shorter than the limit as a whole.
        var options = new StixReaderOptions { MaxStringBytes = 64 };
        Assert.True(StixParser.TryParse("{\"a\":\"\\u00e9\\n\"}", out var obj, out _, options));
        Assert.Equal("é\n", obj.Json.GetProperty("a").GetString());
        obj.Dispose();
    }

    [Fact]
    public void TryParse_ObjectLargerThanTheLimit_IsRejectedBeforeParsing()
    {
        var options = new StixReaderOptions { MaxObjectBytes = 1000 };
        var json = "{\"a\":\"" + new string('x', 1000) + "\"}";

        Assert.False(StixParser.TryParse(json, out _, out var error, options));
        Assert.Equal("object-too-large", error.Rule);
    }

    [Fact]
    public void TryParse_WrongTypesForCommonProperties_ParsesAndLeavesJudgementToTheValidator()
    {
        const string json = """{"type":1,"id":["x"],"created":true,"object_marking_refs":"not-a-list","labels":[1,"a"],"revoked":"yes"}""";

        Assert.True(StixParser.TryParse(json, out var obj, out _));
        using (obj)
        {
            Assert.Equal(string.Empty, obj.Type);
            Assert.Equal(string.Empty, obj.Id);
            Assert.Null(obj.Created);
            Assert.Empty(obj.ObjectMarkingRefs);
            Assert.Equal(["a"], obj.Labels);
            Assert.False(obj.Revoked);
            Assert.False(Concord.Stix.Validation.StixValidator.Validate(obj).IsValid);
        }
    }
}
