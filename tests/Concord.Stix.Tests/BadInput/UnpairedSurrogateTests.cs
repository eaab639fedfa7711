namespace Concord.Stix.Tests.BadInput;

/// <summary>Escapes that spell a UTF-16 surrogate without its pair are not text: refused per object, with the path.</summary>
public class UnpairedSurrogateTests
{
    private const string Head = """{"type":"malware","spec_version":"2.1","id":"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","is_family":false""";

    [Theory]
    [InlineData(""","name":"bad \ud800 name"}""", "$.name")]
    [InlineData(""","description":"ends high \uD83D"}""", "$.description")]
    [InlineData(""","description":"\udc00 low first"}""", "$.description")]
    [InlineData(""","description":"high then letter \ud83dA"}""", "$.description")]
    [InlineData(""","description":"two highs \ud83d\ud83d\ude00"}""", "$.description")]
    [InlineData(""","description":"high then escape \ud83d\n"}""", "$.description")]
    [InlineData(""","x_custom":{"deep":[1,{"a":"ok"},"\udfff"]}}""", "$.x_custom.deep[2]")]
    [InlineData(""","x_\ud800":1}""", "$['x_\\ud800']")]
    [InlineData(""","labels":["fine","\ud800"]}""", "$.labels[1]")]
    public void TryParse_UnpairedSurrogateEscapeAnywhere_IsRefusedWithItsPath(string tail, string path)
    {
        Assert.False(StixParser.TryParse(Head + tail, out var obj, out var error));
        Assert.Null(obj);
        Assert.Equal("unpaired-surrogate", error.Rule);
        Assert.Equal(path, error.Path);
        Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(""","name":"pair \ud83d\ude00 ok"}""", "pair 😀 ok")]
    [InlineData(""","name":"escaped backslash \\ud800 is plain text"}""", "escaped backslash \\ud800 is plain text")]
    [InlineData(""","name":"\u00e9\u20ac\n"}""", "é€\n")]
    [InlineData(""","name":"literal 😀"}""", "literal 😀")]
    public void TryParse_PairedSurrogatesAndOtherEscapes_AreAccepted(string tail, string name)
    {
        Assert.True(StixParser.TryParse(Head + tail, out var obj, out _));
        using (obj)
        {
            Assert.Equal(name, obj.Name);
        }
    }

    [Fact]
    public void BundleEntry_UnpairedSurrogate_IsThatElementsErrorAndTheOthersRead()
    {
        var good = Head + "}";
        var bad = Head + ""","description":"\ud800"}""";
        var json = $$"""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{{good}},{{good}},{{bad}},{{good}}]}""";

        var entries = Bytes.ReadAll(Bytes.Of(json), trickle: true);

        Assert.Equal(4, entries.Count);
        Assert.All(entries.Where(e => e.Index != 2), e => Assert.True(e.TryParse(out _, out _)));
        Assert.False(entries[2].TryParse(out _, out var error));
        Assert.Equal("unpaired-surrogate", error.Rule);
        Assert.Equal("$.objects[2].description", error.Path);
    }
}
