namespace Concord.Stix.Tests.Bundles;

public class BundleReaderTests
{
    private const string Indicator = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.123456Z","modified":"2016-04-06T20:03:48.123456Z","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}""";
    private const string Malware = """{ "type" : "malware", "id" : "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b", "name": "Poison \u0049vy", "x": [1.50, -0e+3, {"k": null}] }""";

    [Fact]
    public void Read_BundleWithObjectsBeforeType_YieldsEachElementsExactBytes()
    {
        var json = $$"""{"objects": [ {{Indicator}} ,{{Malware}}], "id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "type" : "bundle"}""";

        var entries = Bytes.ReadAll(Bytes.Of(json));

        Assert.Equal([0, 1], entries.Select(e => e.Index));
        Assert.All(entries, e => Assert.Null(e.Error));
        Assert.Equal(Indicator, Bytes.Text(entries[0].Utf8Json));
        Assert.Equal(Malware, Bytes.Text(entries[1].Utf8Json));
    }

    [Fact]
    public async Task ReadAsync_TaxiiEnvelope_YieldsObjectsAndIgnoresPagingMembers()
    {
        var json = "{\"more\": true, \"next\": \"abc\", \"objects\": [" + Indicator + "], \"x_extra\": {\"deep\": [[1], {\"a\": \"}]\"}]}}";

        var entries = await Bytes.ReadAllAsync(new TrickleStream(Bytes.Of(json)));

        var entry = Assert.Single(entries);
        Assert.Null(entry.Error);
        Assert.True(entry.TryParse(out var obj, out _));
        Assert.Equal("indicator", obj.Type);
    }

    [Fact]
    public void Read_OneToSevenBytesPerRead_GivesTheSameEntriesAsOneRead()
    {
        var json = $$"""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{{string.Join(",\n", Enumerable.Repeat(Indicator + "," + Malware, 50))}}]}""";
        var data = Bytes.Of(json);

        var whole = Bytes.ReadAll(data);
        var trickled = Bytes.ReadAll(data, trickle: true);

        Assert.Equal(100, whole.Count);
        Assert.Equal(whole.Select(e => Bytes.Text(e.Utf8Json)), trickled.Select(e => Bytes.Text(e.Utf8Json)));
    }

    [Fact]
    public void Read_EmptyObjectsList_YieldsNothing()
    {
        Assert.Empty(Bytes.ReadAll(Bytes.Of("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[]}""")));
        Assert.Empty(Bytes.ReadAll(Bytes.Of("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d"}""")));
        Assert.Empty(Bytes.ReadAll(Bytes.Of("""{"more":false}""")));
    }

    [Fact]
    public void Read_TrailingComma_ReportsLineColumnAndOffsetAndStops()
    {
        var json = "{\"type\":\"bundle\",\"objects\":[\n" + Indicator + ",\n  ]}";

        var entries = Bytes.ReadAll(Bytes.Of(json), trickle: true);

        Assert.Equal(2, entries.Count);
        Assert.Null(entries[0].Error);
        var error = entries[1].Error!;
        Assert.Equal(-1, entries[1].Index);
        Assert.Equal("json-syntax", error.Rule);
        Assert.Contains("line 3, column 3", error.Message, StringComparison.Ordinal);
        Assert.Contains($"byte offset {json.LastIndexOf(']')}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_RealMispFileWithTrailingComma_ReportsTheLineAndStops()
    {
        var path = Concord.Testing.SharedData.Path("misp", "events-malformed", "eset", "pypi_backdoor", "malicious_pypi_packages.misp-event.json");
        await using var stream = File.OpenRead(path);

        var entries = await Bytes.ReadAllAsync(stream);

        var entry = Assert.Single(entries);
        Assert.Equal("json-syntax", entry.Error!.Rule);
        Assert.Contains("line 37374, column 9", entry.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedInsideAnElement_ReportsThatElement()
    {
        var entries = Bytes.ReadAll(Bytes.Of("{\"type\":\"bundle\",\"objects\":[" + Indicator + "," + Malware[..40]));

        Assert.Equal(2, entries.Count);
        Assert.Equal(1, entries[1].Index);
        Assert.Equal("$.objects[1]", entries[1].Error!.Path);
    }

    [Theory]
    [InlineData("""{"type":"indicator","objects":[]}""", "not-a-bundle")]
    [InlineData("""[{"type":"bundle"}]""", "not-a-bundle")]
    [InlineData("""{"type":"bundle","objects":{}}""", "not-a-bundle")]
    [InlineData("""{"type":"bundle","objects":[],"objects":[]}""", "duplicate-property")]
    [InlineData("""{"type":"bundle","type":"bundle"}""", "duplicate-property")]
    [InlineData("", "json-syntax")]
    [InlineData("""{"type":"bundle"} {}""", "json-syntax")]
    public void Read_NotABundle_YieldsOneDocumentErrorAndStops(string json, string rule)
    {
        var entry = Assert.Single(Bytes.ReadAll(Bytes.Of(json)));

        Assert.Equal(-1, entry.Index);
        Assert.Equal(rule, entry.Error!.Rule);
        Assert.False(entry.TryParse(out _, out var error));
        Assert.Same(entry.Error, error);
    }

    [Fact]
    public void Read_InvalidUtf8InsideAnElement_ReportsItAndContinues()
    {
        var data = Bytes.Of("{\"objects\":[" + Indicator + ",{\"name\":\"ab\"}," + Malware + "]}");
        var at = Array.IndexOf(data, (byte)'a', Bytes.Of("{\"objects\":[" + Indicator + ",{\"name\":\"").Length);
        data[at] = 0xC3; // a lead byte followed by 'b' is not UTF-8

        var entries = Bytes.ReadAll(data, trickle: true);

        Assert.Equal([null, "invalid-utf8", null], entries.Select(e => e.Error?.Rule));
        Assert.Equal("$.objects[1]", entries[1].Error!.Path);
        Assert.Contains($"byte offset {at}", entries[1].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ElementsOverTheLimits_AreReportedAndReadingContinues()
    {
        var options = new StixReaderOptions { MaxDepth = 5, MaxStringBytes = 50, MaxObjectBytes = 2000 };
        var deep = "{\"a\":" + new string('[', 20) + "\"]}\"" + new string(']', 20) + "}";
        var longString = "{\"a\":\"" + new string('x', 60) + "\",\"b\":[{\"c\":\"}\"}]}";
        var large = "{\"a\":[" + string.Join(",", Enumerable.Repeat("\"0123456789\\\"{[\"", 500)) + "]}";
        var huge = "{\"a\":\"" + new string('y', 100_000) + "\"}";
        var json = $"{{\"objects\":[{deep},{Malware},{longString},{large},{huge},{Indicator}, 42]}}";

        foreach (var trickle in new[] { false, true })
        {
            var entries = Bytes.ReadAll(Bytes.Of(json), options, trickle);

            Assert.Equal(["too-deep", null, "string-too-long", "object-too-large", "object-too-large", null, "not-an-object"],
                entries.Select(e => e.Error?.Rule));
            Assert.Equal(Malware, Bytes.Text(entries[1].Utf8Json));
            Assert.Equal(Indicator, Bytes.Text(entries[5].Utf8Json));
            Assert.Contains($"byte offset {json.IndexOf(longString, StringComparison.Ordinal)})", entries[2].Error!.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_HugeStringBiggerThanTheObjectLimit_IsSkippedWithoutBufferingIt()
    {
        var options = new StixReaderOptions { MaxStringBytes = 1 << 30, MaxObjectBytes = 64 * 1024 };
        var json = "{\"objects\":[{\"a\":\"" + new string('z', 8 << 20) + "\"}," + Indicator + "]}";

        var entries = Bytes.ReadAll(Bytes.Of(json), options);

        Assert.Equal(["object-too-large", null], entries.Select(e => e.Error?.Rule));
    }

    [Fact]
    public void TryParse_DuplicateKeysInAnElement_ReportsThePathInsideTheBundle()
    {
        var entry = Assert.Single(Bytes.ReadAll(Bytes.Of("""{"objects":[{"type":"x","type":"y"}]}""")));

        Assert.Null(entry.Error);
        Assert.False(entry.TryParse(out _, out var error));
        Assert.Equal("$.objects[0]", error.Path);
        Assert.Equal("json-syntax", error.Rule);
    }

    [Fact]
    public void Read_AttackIcsBundleTrickled_MatchesTheBundleReadWhole()
    {
        var data = File.ReadAllBytes(Concord.Testing.SharedData.Path("attack", "ics-attack-18.1.json"));

        var whole = Bytes.ReadAll(data);
        var trickled = Bytes.ReadAll(data, trickle: true);

        Assert.Equal(1826, whole.Count);
        Assert.All(whole, e => Assert.Null(e.Error));
        Assert.True(whole.Select(e => e.Utf8Json.ToArray()).SequenceEqual(trickled.Select(e => e.Utf8Json.ToArray()), ByteArrays.Comparer));
    }
}

internal sealed class ByteArrays : IEqualityComparer<byte[]>
{
    public static readonly ByteArrays Comparer = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => obj.Length;
}
