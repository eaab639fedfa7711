namespace Concord.Stix.Tests.BadInput;

/// <summary>Repairing stored text that is not Unicode: unpaired surrogate escapes become \ufffd, nothing else changes.</summary>
public class StixTextTests
{
    [Theory]
    [InlineData("""{"a":"x\ud800y"}""", """{"a":"x\ufffdy"}""")]
    [InlineData("""{"a":"\udc00\ud83d\ude00\ud83d"}""", """{"a":"\ufffd\ud83d\ude00\ufffd"}""")]
    [InlineData("""{"\ud83d\ud83d\ude00":["\\ud800","\uDFFF"]}""", """{"\ufffd\ud83d\ude00":["\\ud800","\ufffd"]}""")]
    public void TryReplaceUnpairedSurrogates_ReplacesOnlyTheUnpairedEscapes(string json, string expected)
    {
        Assert.True(StixText.TryReplaceUnpairedSurrogates(Bytes.Of(json), out var repaired));
        Assert.Equal(expected, Bytes.Text(repaired));
        Assert.True(StixParser.TryParse(repaired!, out var obj, out _));
        obj.Dispose();
    }

    [Theory]
    [InlineData("""{"a":"\ud83d\ude00 \\ud800 \u00e9"}""")]
    [InlineData("""{"a":1}""")]
    public void TryReplaceUnpairedSurrogates_TextThatIsUnicode_IsLeftAlone(string json)
    {
        Assert.False(StixText.TryReplaceUnpairedSurrogates(Bytes.Of(json), out var repaired));
        Assert.Null(repaired);
    }
}
