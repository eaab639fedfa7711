using System.Text.Json.Nodes;
using Concord.Stix.Markings;

namespace Concord.Intel.Tests.Misp;

/// <summary>Tags, galaxy clusters, sightings, the creator and the report: what surrounds the attributes.</summary>
public class TagGalaxySightingTests
{
    [Fact]
    public void Convert_TlpTag_MarksEveryObjectAndBringsItsDefinition()
    {
        var attribute = MispEvents.Attribute("domain", "evil.example", toIds: true);

        var objects = MispEvents.Convert(MispEvents.Event([attribute], tags: ["tlp:amber", "osint:source-type=\"blog-post\""]));

        Assert.All(objects.Values.Where(o => o.Text("type") != "marking-definition"),
            o => Assert.Equal([TlpMarkings.Tlp1AmberId], o.Strings("object_marking_refs")));
        Assert.True(objects.ContainsKey(TlpMarkings.Tlp1AmberId));
        var grouping = objects[$"grouping--{MispEvents.EventUuid}"];
        Assert.Equal(["Threat-Report", "misp:tool=\"MISP-STIX-Converter\"", "osint:source-type=\"blog-post\""], grouping.Strings("labels"));
    }

    [Fact]
    public void Convert_AttributeTags_BecomeLabelsTheirTlpItsMarkingAndConfidenceTheLowest()
    {
        var attribute = MispEvents.Attribute("domain", "evil.example", toIds: true);
        attribute["Tag"] = new JsonArray(
            new JsonObject { ["name"] = "tlp:red" },
            new JsonObject { ["name"] = "misp:confidence-level=\"usually-confident\"" },
            new JsonObject { ["name"] = "kill-chain:Delivery" });

        var indicator = MispEvents.Convert(MispEvents.Event([attribute], tags: ["tlp:green"]))[$"indicator--{attribute["uuid"]}"];

        Assert.Equal([TlpMarkings.Tlp1RedId], indicator.Strings("object_marking_refs"));
        Assert.Contains("kill-chain:Delivery", indicator.Strings("labels"));
        Assert.Equal(75, indicator.GetProperty("confidence").GetInt32());
    }

    [Fact]
    public void Convert_PublishedEvent_IsAReportByItsCreator_UnpublishedAGrouping()
    {
        var published = MispEvents.Convert(MispEvents.Event([MispEvents.Attribute("domain", "a.example")], published: true));
        var draft = MispEvents.Convert(MispEvents.Event([MispEvents.Attribute("domain", "b.example")]));

        var report = published[$"report--{MispEvents.EventUuid}"];
        Assert.Equal(("A test event", $"identity--{MispEvents.OrgUuid}"), (report.Text("name"), report.Text("created_by_ref")));
        Assert.Equal("CIRCL", published[$"identity--{MispEvents.OrgUuid}"].Text("name"));
        Assert.Equal("suspicious-activity", draft[$"grouping--{MispEvents.EventUuid}"].Text("context"));
        Assert.DoesNotContain($"identity--{MispEvents.OrgUuid}", report.Strings("object_refs"));
    }

    public static TheoryData<string, string, string> Clusters() => new()
    {
        { "mitre-attack-pattern", "Spearphishing Attachment - T1566.001", "attack-pattern" },
        { "threat-actor", "APT 28", "threat-actor" },
        { "mitre-intrusion-set", "APT32 - G0050", "intrusion-set" },
        { "mitre-malware", "Emotet - S0367", "malware" },
        { "mitre-tool", "Mimikatz - S0002", "tool" },
        { "surveillance-vendor", "Evil Spyware Ltd", "x-misp-galaxy-cluster" },
    };

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Convert_EventGalaxyCluster_IsItsStixObjectWithItsAttackId(string galaxyType, string value, string stixType)
    {
        var clusterUuid = MispEvents.Uuid();
        var @event = MispEvents.Event([MispEvents.Attribute("domain", "evil.example")], tags: [$"misp-galaxy:{galaxyType}=\"{value}\""]);
        @event["Galaxy"] = new JsonArray(Galaxy(galaxyType, clusterUuid, value));

        var objects = MispEvents.Convert(@event);

        var cluster = objects[$"{stixType}--{clusterUuid}"];
        Assert.Contains(cluster.Text("id"), objects[$"grouping--{MispEvents.EventUuid}"].Strings("object_refs"));
        // A converted cluster replaces its tag; an unconverted galaxy's tag stays a label, as misp-stix does.
        var labelled = objects[$"grouping--{MispEvents.EventUuid}"].Strings("labels").Contains($"misp-galaxy:{galaxyType}=\"{value}\"");
        Assert.Equal(stixType == "x-misp-galaxy-cluster", labelled);
        if (value.Contains(" - ", StringComparison.Ordinal))
        {
            Assert.Equal(value[..value.IndexOf(" - ", StringComparison.Ordinal)], cluster.Text("name"));
            var reference = Assert.Single(cluster.GetProperty("external_references").EnumerateArray(), r => r.Text("source_name") == "mitre-attack");
            Assert.Equal(value[(value.IndexOf(" - ", StringComparison.Ordinal) + 3)..], reference.Text("external_id"));
        }

        AttributeMappingTests.AllValid(objects.Values);
    }

    [Fact]
    public void Convert_AttributeGalaxy_RelatesWhatTheAttributeBecameToTheCluster()
    {
        var clusterUuid = MispEvents.Uuid();
        var attribute = MispEvents.Attribute("sha256", "ea2a01cae57c00df01bff6bb8a72585fdc0abb7a26a869dc1a0131bdff50b400", toIds: true, category: "Payload delivery");
        attribute["Galaxy"] = new JsonArray(Galaxy("mitre-malware", clusterUuid, "Emotet - S0367"));

        var objects = MispEvents.Convert(MispEvents.Event([attribute]));

        Assert.Contains(objects.Values, o => o.Text("type") == "relationship" && o.Text("source_ref") == $"observed-data--{attribute["uuid"]}"
            && o.Text("target_ref") == $"malware--{clusterUuid}" && o.Text("relationship_type") == "related-to");
        Assert.False(objects[$"malware--{clusterUuid}"].GetProperty("is_family").GetBoolean());
    }

    [Fact]
    public void Convert_Sightings_AreSightingsOfTheIndicatorWithTheirKindAndReporter()
    {
        var attribute = MispEvents.Attribute("ip-dst", "203.0.113.7", toIds: true);
        var reporter = MispEvents.Uuid();
        attribute["Sighting"] = new JsonArray(
            Sighting("0", reporter), Sighting("1", reporter), Sighting("2", reporter));

        var converted = MispFiles.Convert(MispEvents.Wrapped(MispEvents.Event([attribute])));
        var sightings = MispFiles.Objects(converted).Where(o => o.Text("type") == "sighting").ToList();

        Assert.Equal(3, sightings.Count);
        Assert.All(sightings, s => Assert.Equal(($"indicator--{attribute["uuid"]}", $"identity--{reporter}"), (s.Text("sighting_of_ref"), s.Strings("where_sighted_refs")[0])));
        Assert.Equal([null, "false-positive", "expiration"], sightings.Select(s => s.TryGetProperty("x_concord_sighting_kind", out var k) ? k.GetString() : null));
        Assert.Equal(3, converted[0].Sightings);
        AttributeMappingTests.AllValid(MispFiles.Objects(converted));
    }

    [Fact]
    public void Convert_DeletedAttributesAndProposals_AreLeftOutAndCounted()
    {
        var deleted = MispEvents.Attribute("domain", "gone.example");
        deleted["deleted"] = true;
        var kept = MispEvents.Attribute("domain", "kept.example");
        kept["ShadowAttribute"] = new JsonArray(new JsonObject { ["type"] = "domain", ["value"] = "proposed.example" });
        var deletedObject = MispEvents.Object("url", "network", MispEvents.Attribute("url", "http://gone.example/").Related("url"));
        deletedObject["deleted"] = true;
        var @event = MispEvents.Event([deleted, kept], [deletedObject]);
        @event["ShadowAttribute"] = new JsonArray(new JsonObject { ["type"] = "ip-dst", ["value"] = "198.51.100.1" });

        var converted = MispFiles.Convert(MispEvents.Wrapped(@event)).Single();

        Assert.Equal((1, 0, 1, 1, 2), (converted.Attributes, converted.Objects, converted.DeletedAttributes, converted.DeletedObjects, converted.Proposals));
        var values = MispFiles.Objects([converted]).Where(o => o.TryGetProperty("value", out _)).Select(o => o.Text("value")).ToList();
        Assert.Equal(["kept.example"], values);
    }

    private static JsonObject Galaxy(string type, string clusterUuid, string value) => new()
    {
        ["name"] = "Galaxy " + type,
        ["type"] = type,
        ["description"] = "A galaxy",
        ["GalaxyCluster"] = new JsonArray(new JsonObject
        {
            ["uuid"] = clusterUuid,
            ["type"] = type,
            ["value"] = value,
            ["tag_name"] = $"misp-galaxy:{type}=\"{value}\"",
            ["description"] = "A cluster",
            ["meta"] = new JsonObject { ["synonyms"] = new JsonArray("Alias one"), ["refs"] = new JsonArray("https://example.org/cluster") },
        }),
    };

    private static JsonObject Sighting(string type, string reporter) => new()
    {
        ["uuid"] = MispEvents.Uuid(),
        ["type"] = type,
        ["date_sighting"] = "1600003600",
        ["source"] = "sensor 7",
        ["Organisation"] = new JsonObject { ["uuid"] = reporter, ["name"] = "Savanna CERT" },
    };
}
