using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Concord.Access;
using Concord.IntegrationTests.Access;

namespace Concord.IntegrationTests.MispApi;

/// <summary>
/// Every request of the PyMISP transcripts, replayed over HTTP against a node, gets an answer that meets the
/// transcript's <c>response_expected</c> for pythonify=False and pythonify=True alike (PyMISP sends the same request).
/// </summary>
public partial class PyMispTranscriptTests
{
    private const string EventUuid = "5f3a4d9e-1c2b-4e8f-9a7d-0b1c2d3e4f50";

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Transcripts_ReplayedAgainstANode_AnswerWhatPyMispNeeds(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var key = await alliance.ApiKeyAsync("Alpha", Role.Analyst);
        using var client = node.CreateClient();
        var add = PyMisp.Requests("05-add-event.json").Single();
        var seeded = await PyMisp.SendAsync(client, add, key, bodyOverride: PyMisp.SeedEvent());
        Assert.True(seeded.Status == 200, seeded.Body?.ToJsonString());

        var construction = PyMisp.Requests("01-construction.json").ToList();
        var version = await PyMisp.SendAsync(client, construction[0], key);
        Assert.Equal(200, version.Status);
        Assert.Matches(Numeric(), (string)version.Body!["version"]!);
        Assert.Matches(Numeric(), (string)version.Body!["pymisp_recommended_version"]!);
        var me = (await PyMisp.SendAsync(client, construction[1], key)).Body!;
        Assert.True(me["User"] is JsonObject && me["Role"] is JsonObject && me["UserSetting"] is JsonArray);
        var types = (await PyMisp.SendAsync(client, construction[2], key)).Body!["result"]!;
        var listed = types["types"]!.AsArray().Select(t => (string)t!).ToList();
        Assert.Contains("ip-dst", listed);
        Assert.All(listed, t => Assert.NotNull(types["sane_defaults"]![t]!["default_category"]));
        Assert.All(types["categories"]!.AsArray(), c => Assert.NotNull(types["category_type_mappings"]![(string)c!]));

        var events = PyMisp.Unwrapped((await PyMisp.SendAsync(client, PyMisp.Requests("02-search-events.json").Single(), key)).Body)!.AsArray();
        Assert.Equal(EventUuid, (string)Assert.Single(events)!["Event"]!["uuid"]!);
        AssertLoadableEvent(events[0]!["Event"]!);

        var attributes = PyMisp.Unwrapped((await PyMisp.SendAsync(client, PyMisp.Requests("03-search-attributes.json").Single(), key)).Body)!;
        var attribute = Assert.Single(attributes["Attribute"]!.AsArray())!;
        Assert.Equal(("ip-dst", "203.0.113.10"), ((string)attribute["type"]!, (string)attribute["value"]!));
        Assert.False(string.IsNullOrEmpty((string?)attribute["Event"]!["info"]));

        var view = await PyMisp.SendAsync(client, PyMisp.Requests("04-get-event.json").Single(), key);
        Assert.Equal((200, EventUuid), (view.Status, (string)view.Body!["Event"]!["uuid"]!));
        AssertLoadableEvent(view.Body!["Event"]!);
        var byId = await PyMisp.SendAsync(client, PyMisp.Requests("04-get-event.json").Single(), key, pathOverride: $"/events/view/{view.Body!["Event"]!["id"]}");
        Assert.Equal(EventUuid, (string)byId.Body!["Event"]!["uuid"]!);

        var added = await PyMisp.SendAsync(client, add, key);
        Assert.Equal(200, added.Status);
        Assert.Equal("Concord capture test event", (string)added.Body!["Event"]!["info"]!);
        Assert.Equal(2, added.Body!["Event"]!["Attribute"]!.AsArray().Count);
        Assert.Contains(added.Body!["Event"]!["Tag"]!.AsArray(), t => (string)t!["name"]! == "tlp:green");

        var attributeAdded = await PyMisp.SendAsync(client, PyMisp.Requests("06-add-attribute.json").Single(), key);
        Assert.Equal(200, attributeAdded.Status);
        Assert.Equal(("url", "http://bad.example.com/payload.bin"), ((string)attributeAdded.Body!["Attribute"]!["type"]!, (string)attributeAdded.Body!["Attribute"]!["value"]!));
        var after = await PyMisp.SendAsync(client, PyMisp.Requests("04-get-event.json").Single(), key);
        Assert.Equal(3, after.Body!["Event"]!["Attribute"]!.AsArray().Count);
        Assert.Equal(EventUuid, (string)(await PyMisp.SendAsync(client, PyMisp.Requests("04-get-event.json").Single(), key, pathOverride: $"/events/view/{view.Body!["Event"]!["id"]}")).Body!["Event"]!["uuid"]!);

        var sighting = await PyMisp.SendAsync(client, PyMisp.Requests("07-add-sighting.json").Single(), key);
        Assert.Equal(200, sighting.Status);
        Assert.True(sighting.Body!["Sighting"] is JsonObject);
        foreach (var variant in PyMisp.Transcript("07-add-sighting.json").GetProperty("variants").EnumerateArray())
        {
            Assert.True((await PyMisp.SendAsync(client, variant.GetProperty("requests")[0], key)).Body!["Sighting"] is JsonObject);
        }
    }

    /// <summary>What MISPEvent.load needs: info, and attributes with a type and a value; tags with a name.</summary>
    private static void AssertLoadableEvent(JsonNode @event)
    {
        Assert.False(string.IsNullOrEmpty((string?)@event["info"]));
        Assert.All(@event["Attribute"]!.AsArray(), a => Assert.True(a!["type"] is not null && a["value"] is not null));
        Assert.All(@event["Tag"]!.AsArray(), t => Assert.NotNull(t!["name"]));
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(\.\d+)?$")]
    private static partial Regex Numeric();
}
