using System.Text;
using System.Text.Json;
using Concord.Stix.Identifiers;

namespace Concord.Stix.Tests.Identifiers;

public class JsonCanonicalizerTests
{
    [Fact]
    public void Canonicalize_Rfc8785SampleInput_GivesTheRfcsOutput()
    {
        // RFC 8785 section 3.2.2 example.
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""";
        using var document = JsonDocument.Parse(input);

        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(document.RootElement)));
    }

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(1d, "1")]
    [InlineData(-1.5d, "-1.5")]
    [InlineData(1e21d, "1e+21")]
    [InlineData(1e20d, "100000000000000000000")]
    [InlineData(123456789012345680000d, "123456789012345680000")]
    [InlineData(0.000001d, "0.000001")]
    [InlineData(0.0000001d, "1e-7")]
    [InlineData(1.5e-7d, "1.5e-7")]
    [InlineData(5e-324d, "5e-324")]
    [InlineData(1.7976931348623157e308d, "1.7976931348623157e+308")]
    [InlineData(9007199254740992d, "9007199254740992")]
    [InlineData(7.980693d, "7.980693")]
    public void FormatNumber_MatchesEcmaScriptNumberToString(double value, string expected)
    {
        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));
    }

    [Fact]
    public void FormatNumber_NegativeZero_IsWrittenAsZero()
    {
        Assert.Equal("0", JsonCanonicalizer.FormatNumber(-0d));
        Assert.Throws<ArgumentException>(() => JsonCanonicalizer.FormatNumber(double.NaN));
    }

    [Fact]
    public void Canonicalize_SortsKeysByUtf16CodeUnits()
    {
        // RFC 8785 section 3.2.3: "\r" < "1" < "\u0080" < "\u00f6" < "\u20ac" < "\ud83d\ude00" < "\ufb33".
        using var document = JsonDocument.Parse("{\"\\u20ac\":1,\"\\r\":2,\"\\ufb33\":3,\"1\":4,\"\\ud83d\\ude00\":5,\"\\u0080\":6,\"\\u00f6\":7}");

        var text = Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(document.RootElement));

        Assert.Equal("{\"\\r\":2,\"1\":4,\"\u0080\":6,\"ö\":7,\"€\":1,\"😀\":5,\"\ufb33\":3}", text);
    }
}
