using System.Text;
using System.Text.Json.Nodes;
using Concord.Intel.Features.Import;
using Concord.Testing;

namespace Concord.Intel.Tests.Misp;

/// <summary>Every shape of MISP JSON is read, one event at a time; a broken file gets an error a MISP user can act on.</summary>
public class ReaderTests
{
    [Fact]
    public void Read_EveryShape_YieldsEachEventWithItsPath()
    {
        var one = MispEvents.Event([MispEvents.Attribute("domain", "a.example")]);
        var bare = one.ToJsonString();
        var wrapped = MispEvents.Wrapped(one);
        var export = new JsonObject { ["response"] = new JsonArray(JsonNode.Parse(wrapped), JsonNode.Parse(wrapped)) }.ToJsonString();
        var list = $"[{wrapped},{bare}]";
        var laterResponse = "{\"more\":false,\"response\":[" + wrapped + "]}";

        Assert.Equal(["$"], Paths(bare));
        Assert.Equal(["$.Event"], Paths(wrapped));
        Assert.Equal(["$.response[0].Event", "$.response[1].Event"], Paths(export));
        Assert.Equal(["$[0].Event", "$[1]"], Paths(list));
        Assert.Equal(["$.response[0].Event"], Paths(laterResponse));
    }

    [Fact]
    public void Read_ListLargerThanTheBuffer_IsStreamedEventByEvent()
    {
        var events = Enumerable.Range(0, 40).Select(i =>
        {
            var e = MispEvents.Event(Enumerable.Range(0, 60).Select(j => MispEvents.Attribute("domain", $"host{j}.event{i}.example")));
            e["uuid"] = MispEvents.Uuid();
            return MispEvents.Wrapped(e);
        });
        var json = "{\"response\":[" + string.Join(",\n", events) + "]}";

        var converted = MispFiles.Convert(json);

        Assert.True(json.Length > 4 * 65536);
        Assert.Equal(40, converted.Count);
        Assert.All(converted, c => Assert.Equal(60, c.Attributes));
    }

    [Fact]
    public void Read_MalformedEsetExport_NamesTheEventAndWhereTheJsonBreaks()
    {
        var path = SharedData.Path("misp", "events-malformed", "eset", "pypi_backdoor", "malicious_pypi_packages.misp-event.json");

        var problem = Assert.Single(MispFiles.Problems(MispFiles.ConvertFile(path)));

        Assert.Equal("json-syntax", problem.Rule);
        Assert.StartsWith("$.response[0].Event.Tag[", problem.Path, StringComparison.Ordinal);
        Assert.Contains("Event a1bbc1b7-55d1-4f67-9fce-7de5d892f840 \"Malicious PyPI packages\"", problem.Message, StringComparison.Ordinal);
        Assert.Contains("line 37374", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BrokenInsideAnAttribute_NamesTheAttributeBeingRead()
    {
        var json = """{"Event":{"uuid":"5b1f1d4a-7c2e-4b8a-9f3d-1a2b3c4d5e6f","info":"Broken","Attribute":[{"uuid":"00000000-0000-4000-8000-0000000000aa","type":"ip-dst","value":"203.0.113.7","to_ids": tru }]}}""";

        var problem = Assert.Single(MispFiles.Problems(MispFiles.Convert(json)));

        Assert.Equal("$.Event.Attribute[0].to_ids", problem.Path);
        Assert.Contains("Event 5b1f1d4a-7c2e-4b8a-9f3d-1a2b3c4d5e6f \"Broken\", attribute 00000000-0000-4000-8000-0000000000aa ip-dst '203.0.113.7'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_AttributeWithoutType_IsRejectedNamingEventAndAttribute()
    {
        var attribute = MispEvents.Attribute("domain", "evil.example");
        attribute.Remove("type");

        var problem = Assert.Single(MispFiles.Problems(MispFiles.Convert(MispEvents.Wrapped(MispEvents.Event([attribute])))));

        Assert.Equal(("$.Event.Attribute[0]", "misp-attribute"), (problem.Path, problem.Rule));
        Assert.Contains($"attribute {attribute["uuid"]} (no type) 'evil.example': the attribute has no type.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_EventWithoutUuids_DerivesTheSameIdsEveryTime()
    {
        var json = File.ReadAllText(SharedData.Path("misp", "events", "pymisp", "mispevent_testfiles", "attribute.json"));

        var first = MispFiles.Objects(MispFiles.Convert(json)).Select(o => o.Text("id")).Order();
        var second = MispFiles.Objects(MispFiles.Convert(json)).Select(o => o.Text("id")).Order();

        Assert.Equal(first, second);
        Assert.NotEmpty(first);
    }

    [Theory]
    [InlineData("{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[]}", "stix", null)]
    [InlineData("{\"objects\":[],\"more\":false}", "stix", null)]
    [InlineData("{\"id\":\"bundle--1\",\"type\":\"bundle\"}", "stix", null)]
    [InlineData("{\"Event\":{\"info\":\"x\"}}", "misp", null)]
    [InlineData("{\"response\":[]}", "misp", null)]
    [InlineData("[{\"Event\":{}}]", "misp", null)]
    [InlineData("{\"Attribute\":[],\"info\":\"bare\"}", "misp", null)]
    [InlineData("\uFEFF{\"Event\":{}}", "misp", null)]
    [InlineData("{\"name\":\"something else\"}", "stix", "none of the keys")]
    [InlineData("{}", "stix", "none of the keys")]
    [InlineData("id,value\n1,evil.example", "stix", "not JSON")]
    [InlineData("", "stix", "empty")]
    [InlineData("[]", "stix", "empty JSON array")]
    [InlineData("[{\"type\":\"indicator\"}]", "stix", "not a MISP event")]
    [InlineData("42", "stix", "not an object")]
    public void Decide_Body_KnowsStixAndMispAndRefusesTheRest(string body, string format, string? error)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        var (decided, problem) = ImportFormats.Decide(bytes, complete: true);

        Assert.Equal(format, ImportFormats.Name(decided));
        if (error is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(error, problem!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Detect_ReplaysWhatItRead_SoTheImporterReadsTheWholeBody()
    {
        var body = "{\"Event\":{\"info\":\"" + new string('x', 100_000) + "\"}}";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));

        var detected = (await ImportFormats.DetectAsync(stream, TestContext.Current.CancellationToken)).Value!;

        using var reader = new StreamReader(detected.Stream);
        Assert.Equal((ImportFormat.Misp, body), (detected.Format, await reader.ReadToEndAsync(TestContext.Current.CancellationToken)));
    }

    private static List<string> Paths(string json) => MispFiles.Units(new MemoryStream(Encoding.UTF8.GetBytes(json))).Select(u => u.Path).ToList();
}
