using System.Text;
using Concord.Intel.Features.Import;

namespace Concord.Intel.Tests.Import;

public sealed class ContentHashTests
{
    // Hashes are stored beside every copy: a change of algorithm would make every stored copy differ from its re-import.
    // These digests were computed by the first implementation; any rewrite must keep them.
    [Theory]
    [InlineData("""{"type":"indicator","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","n":1.50,"ok":true,"x":null,"l":["a","b"]}""", "2c7d3612e650751b6423cf2d635df777")]
    [InlineData("""{"name":"caf\u00e9 \"quoted\" \\ back","pattern":"[domain-name:value = 'x.example']"}""", "850302adf2f81e5ba95985857cb0db51")]
    public void Digest_IsStable(string json, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(ContentHash.Of(Encoding.UTF8.GetBytes(json))));

    [Fact]
    public void Whitespace_AndEscapes_DoNotCount()
    {
        var compact = ContentHash.Of("""{"a":"é","b":[1,2]}"""u8);
        var pretty = ContentHash.Of("{ \"a\" : \"\\u00e9\",\n  \"b\": [ 1, 2 ] }"u8);
        Assert.Equal(compact, pretty);
    }

    [Fact]
    public void MemberOrder_AndValues_Count()
    {
        var original = ContentHash.Of("""{"a":"x","b":"y"}"""u8);
        Assert.NotEqual(original, ContentHash.Of("""{"b":"y","a":"x"}"""u8));
        Assert.NotEqual(original, ContentHash.Of("""{"a":"x","b":"z"}"""u8));
        Assert.NotEqual(ContentHash.Of("""{"a":"xy"}"""u8), ContentHash.Of("""{"ax":"y"}"""u8));
    }

    [Fact]
    public void LargeObjects_HashLikeSmallOnes()
    {
        // Longer than any first buffer: the digest must not depend on how the tokens were fed to SHA-256.
        var values = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"value-{i}\""));
        var compact = ContentHash.Of(Encoding.UTF8.GetBytes($"{{\"refs\":[{values}]}}"));
        var spaced = ContentHash.Of(Encoding.UTF8.GetBytes($"{{ \"refs\" : [ {values.Replace(",", " , ", StringComparison.Ordinal)} ] }}"));
        Assert.Equal(compact, spaced);
        Assert.Equal(ContentHash.Length, compact.Length);
    }
}
