using System.Text.Json.Nodes;

namespace Concord.Intel.Tests.Misp;

/// <summary>MISP objects: the templates misp-stix maps become their SCOs and a pattern; any other is kept losslessly.</summary>
public class ObjectMappingTests
{
    private static readonly string Sha256 = "273633eee4776aef40904124ed1722a0793e6567f3009cdb037ed0a9d79c1b0b";

    [Fact]
    public void Convert_FileObject_IsAFileWithItsHashesAndAPatternOfItsToIdsAttributes()
    {
        var file = MispEvents.Object("file", "file",
            MispEvents.Attribute("filename", "mdworker3", category: "Payload delivery").Related("filename"),
            MispEvents.Attribute("md5", "01c0b7c5bf605ed267b2be3d024eb90f", toIds: true, category: "Payload delivery").Related("md5"),
            MispEvents.Attribute("sha256", Sha256, toIds: true, category: "Payload delivery").Related("sha256"),
            MispEvents.Attribute("size-in-bytes", "4096", category: "Other").Related("size-in-bytes"));
        var uuid = file["uuid"]!.GetValue<string>();

        var objects = MispEvents.Convert(MispEvents.Event(objects: [file]));

        var sco = objects[$"file--{uuid}"];
        Assert.Equal(("mdworker3", 4096), (sco.Text("name"), sco.GetProperty("size").GetInt32()));
        Assert.Equal("01c0b7c5bf605ed267b2be3d024eb90f", sco.GetProperty("hashes").GetProperty("MD5").GetString());
        Assert.Equal($"[file:hashes.MD5 = '01c0b7c5bf605ed267b2be3d024eb90f' AND file:hashes.'SHA-256' = '{Sha256}']", objects[$"indicator--{uuid}"].Text("pattern"));
        Assert.Equal(["misp:name=\"file\"", "misp:meta-category=\"file\""], objects[$"observed-data--{uuid}"].Strings("labels"));
        AttributeMappingTests.AllValid(objects.Values);
    }

    [Fact]
    public void Convert_DomainIpObject_IsDomainsResolvingToItsAddresses()
    {
        var ip = MispEvents.Attribute("ip-dst", "87.236.211.182", toIds: true).Related("ip");
        var domain = MispEvents.Attribute("domain", "servicecdp.com", toIds: true).Related("domain");
        var misp = MispEvents.Object("domain-ip", "network", ip, domain);

        var objects = MispEvents.Convert(MispEvents.Event(objects: [misp]));

        Assert.Equal([$"ipv4-addr--{ip["uuid"]}"], objects[$"domain-name--{domain["uuid"]}"].Strings("resolves_to_refs"));
        Assert.Equal("[domain-name:value = 'servicecdp.com' AND domain-name:resolves_to_refs[*].value = '87.236.211.182']", objects[$"indicator--{misp["uuid"]}"].Text("pattern"));
    }

    [Fact]
    public void Convert_IpPortObject_IsNetworkTrafficToTheAddressAndPort()
    {
        var misp = MispEvents.Object("ip-port", "network",
            MispEvents.Attribute("port", "995").Related("dst-port"),
            MispEvents.Attribute("ip-dst", "64.183.173.170", toIds: true).Related("ip"));

        var traffic = MispEvents.Convert(MispEvents.Event(objects: [misp]))[$"network-traffic--{misp["uuid"]}"];

        Assert.Equal((995, "ipv4"), (traffic.GetProperty("dst_port").GetInt32(), traffic.Strings("protocols")[0]));
    }

    [Fact]
    public void Convert_UrlEmailAndNetworkConnectionObjects_AreTheirScos()
    {
        var url = MispEvents.Object("url", "network", MispEvents.Attribute("url", "http://evil.example/x", toIds: true).Related("url"));
        var email = MispEvents.Object("email", "network",
            MispEvents.Attribute("email-src", "boss@evil.example").Related("from"),
            MispEvents.Attribute("email-dst", "clerk@example.org").Related("to"),
            MispEvents.Attribute("email-subject", "Urgent").Related("subject"));
        var connection = MispEvents.Object("network-connection", "network",
            MispEvents.Attribute("ip-src", "10.0.0.5").Related("ip-src"),
            MispEvents.Attribute("ip-dst", "203.0.113.9", toIds: true).Related("ip-dst"),
            MispEvents.Attribute("port", "443").Related("dst-port"),
            MispEvents.Attribute("text", "TCP").Related("layer4-protocol"));

        var objects = MispEvents.Convert(MispEvents.Event(objects: [url, email, connection]));

        Assert.Equal("http://evil.example/x", objects[$"url--{url["uuid"]}"].Text("value"));
        var message = objects[$"email-message--{email["uuid"]}"];
        Assert.Equal("Urgent", message.Text("subject"));
        Assert.Single(message.Strings("to_refs"));
        var traffic = objects[$"network-traffic--{connection["uuid"]}"];
        Assert.Equal((443, "tcp"), (traffic.GetProperty("dst_port").GetInt32(), traffic.Strings("protocols")[0]));
        Assert.Equal("[(network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.9')]", objects[$"indicator--{connection["uuid"]}"].Text("pattern"));
        AttributeMappingTests.AllValid(objects.Values);
    }

    [Fact]
    public void Convert_UnknownTemplate_KeepsEveryAttributeInAnXMispObject()
    {
        var attributes = new[]
        {
            MispEvents.Attribute("text", "ESET", category: "Antivirus detection").Related("software"),
            MispEvents.Attribute("text", "Python/TrojanDownloader.Agent.YP", toIds: true, category: "Antivirus detection").Related("signature"),
        };
        attributes[0]["comment"] = "engine";
        var misp = MispEvents.Object("av-signature", "misc", attributes);
        misp["comment"] = "detections";

        var custom = MispEvents.Convert(MispEvents.Event(objects: [misp]))[$"x-misp-object--{misp["uuid"]}"];

        Assert.Equal(("av-signature", "misc", "detections"), (custom.Text("x_misp_name"), custom.Text("x_misp_meta_category"), custom.Text("x_misp_comment")));
        var kept = custom.GetProperty("x_misp_attributes").EnumerateArray().ToList();
        Assert.Equal(["ESET", "Python/TrojanDownloader.Agent.YP"], kept.Select(a => a.Text("value")));
        Assert.Equal(["software", "signature"], kept.Select(a => a.Text("object_relation")));
        Assert.Equal((attributes[0]["uuid"]!.GetValue<string>(), "engine"), (kept[0].Text("uuid"), kept[0].Text("comment")));
        Assert.True(kept[1].GetProperty("to_ids").GetBoolean());
    }

    [Fact]
    public void Convert_ObjectReference_IsARelationshipWithItsUuid()
    {
        var signature = MispEvents.Object("av-signature", "misc", MispEvents.Attribute("text", "Win32/Evil", category: "Antivirus detection").Related("signature"));
        var file = MispEvents.Object("file", "file", MispEvents.Attribute("filename", "evil.exe", category: "Payload delivery").Related("filename"));
        var referenceUuid = MispEvents.Uuid();
        file["ObjectReference"] = new JsonArray(new JsonObject
        {
            ["uuid"] = referenceUuid,
            ["referenced_uuid"] = signature["uuid"]!.GetValue<string>(),
            ["relationship_type"] = "detected-as",
            ["timestamp"] = MispEvents.Timestamp,
        });

        var relationship = MispEvents.Convert(MispEvents.Event(objects: [file, signature]))[$"relationship--{referenceUuid}"];

        Assert.Equal(("detected-as", $"observed-data--{file["uuid"]}", $"x-misp-object--{signature["uuid"]}"),
            (relationship.Text("relationship_type"), relationship.Text("source_ref"), relationship.Text("target_ref")));
    }
}
