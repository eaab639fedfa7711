namespace Concord.Stix.Tests;

public class ParserTests
{
    [Fact]
    public void TryParse_DuplicateKeys_IsRejected()
    {
        var ok = StixParser.TryParse("""{"type":"indicator","type":"malware"}""", out _, out var error);
        Assert.False(ok);
        Assert.Equal("json-syntax", error!.Rule);
    }

    [Fact]
    public void TryParse_KeepsBytesAndExtractsCommonProperties()
    {
        const string json = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.123456Z","modified":"2016-04-06T20:03:48.123456Z","x_custom":1}""";
        Assert.True(StixParser.TryParse(json, out var obj, out _));
        Assert.Equal("indicator", obj.Type);
        Assert.Equal("2016-04-06T20:03:48.123456Z", obj.Version);
        Assert.Equal(json, obj.ToJson());
    }
}
