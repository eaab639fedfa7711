using System.Text.Json;

namespace Concord.Stix.Tests.Corpus;

public class RoundTripTests
{
    public static TheoryData<string> Bundles() => CorpusFiles.Bundles();

    [Theory]
    [MemberData(nameof(Bundles))]
    public async Task StreamParseAndWriteBundle_EveryObject_IsSemanticallyIdenticalWithExactTimestamps(string relativePath)
    {
        var path = CorpusFiles.Resolve(relativePath);
        using var original = JsonDocument.Parse(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        var isBundle = original.RootElement.GetProperty("type").GetString() == "bundle";
        var objects = new List<StixObject>();
        await using (var stream = File.OpenRead(path))
        {
            if (isBundle)
            {
                await foreach (var entry in StixBundleReader.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken))
                {
                    Assert.True(entry.TryParse(out var obj, out var error), error?.ToString());
                    objects.Add(obj);
                }
            }
            else
            {
                // One OASIS example is a lone object rather than a bundle; it round-trips through StixParser.
                Assert.True(StixParser.TryParse(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken), out var obj, out _));
                objects.Add(obj);
            }
        }

        var rewritten = WriteBundle("bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", objects);
        using var copy = JsonDocument.Parse(rewritten);
        using var expected = JsonDocument.Parse(isBundle ? original.RootElement.GetProperty("objects").GetRawText() : $"[{original.RootElement.GetRawText()}]");

        var originalObjects = expected.RootElement;
        Assert.Equal(originalObjects.GetArrayLength(), objects.Count);
        Assert.True(JsonSemantic.Equal(originalObjects, copy.RootElement.GetProperty("objects"), out var difference, exactStrings: true), difference);
        var i = 0;
        foreach (var element in originalObjects.EnumerateArray())
        {
            var obj = objects[i++];
            Assert.Equal(Text(element, "created"), obj.Created);
            Assert.Equal(Text(element, "modified"), obj.Modified);
            obj.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Bundles))]
    public void WithChangesNoOp_EveryObject_IsSemanticallyIdentical(string relativePath)
    {
        var bytes = File.ReadAllBytes(CorpusFiles.Resolve(relativePath));
        var single = StixParser.TryParse(bytes, out var lone, out _) && lone.Type != "bundle";
        if (!single)
        {
            lone?.Dispose();
        }

        var count = 0;
        var objects = single ? [lone!] : StixBundleReader.Read(new MemoryStream(bytes)).Select(Parse);
        foreach (var obj in objects)
        {
            using (obj)
            using (var copy = obj.WithChanges(_ => { }))
            {
                Assert.True(JsonSemantic.Equal(obj.Json, copy.Json, out var difference), $"{obj.Id}: {difference}");
                Assert.Equal(obj.Modified, copy.Modified);
            }

            count++;
        }

        Assert.True(count > 0);
    }

    private static StixObject Parse(StixBundleEntry entry)
    {
        Assert.True(entry.TryParse(out var obj, out var error), error?.ToString());
        return obj;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static byte[] WriteBundle(string id, List<StixObject> objects)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "bundle");
            writer.WriteString("id", id);
            writer.WriteStartArray("objects");
            foreach (var obj in objects)
            {
                obj.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
