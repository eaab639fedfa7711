using System.Text.Json;
using Concord.Stix.Validation;

namespace Concord.Intel.Tests.Misp;

/// <summary>Every common MISP attribute type, converted the way misp-stix converts it, into valid STIX.</summary>
public class AttributeMappingTests
{
    public static TheoryData<string, string, string[], string> Indicators() => new()
    {
        { "ip-dst", "203.0.113.7", ["network-traffic", "ipv4-addr"], "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.7']" },
        { "ip-src", "2001:db8::1", ["network-traffic", "ipv6-addr"], "[network-traffic:src_ref.type = 'ipv6-addr' AND network-traffic:src_ref.value = '2001:db8::1']" },
        { "ip-dst|port", "203.0.113.7|8443", ["network-traffic", "ipv4-addr"], "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.7' AND network-traffic:dst_port = 8443]" },
        { "ip-src|port", "198.51.100.2|4444", ["network-traffic", "ipv4-addr"], "[network-traffic:src_ref.type = 'ipv4-addr' AND network-traffic:src_ref.value = '198.51.100.2' AND network-traffic:src_port = 4444]" },
        { "domain", "evil.example", ["domain-name"], "[domain-name:value = 'evil.example']" },
        { "hostname", "c2.evil.example", ["domain-name"], "[domain-name:value = 'c2.evil.example']" },
        { "domain|ip", "evil.example|203.0.113.7", ["domain-name", "ipv4-addr"], "[domain-name:value = 'evil.example' AND domain-name:resolves_to_refs[*].value = '203.0.113.7']" },
        { "url", "http://evil.example/a?b=c", ["url"], "[url:value = 'http://evil.example/a?b=c']" },
        { "uri", "http://evil.example/path", ["url"], "[url:value = 'http://evil.example/path']" },
        { "email-src", "spam@evil.example", ["email-message", "email-addr"], "[email-message:from_ref.value = 'spam@evil.example']" },
        { "email-dst", "victim@example.org", ["email-message", "email-addr"], "[email-message:to_refs[*].value = 'victim@example.org']" },
        { "email-subject", "Invoice 'due'", ["email-message"], "[email-message:subject = 'Invoice \\'due\\'']" },
        { "md5", "e34333634b7208b000027be99612142d", ["file"], "[file:hashes.MD5 = 'e34333634b7208b000027be99612142d']" },
        { "sha1", "3c0db3a5194e1568e8e2164149f30763b7f3043d", ["file"], "[file:hashes.'SHA-1' = '3c0db3a5194e1568e8e2164149f30763b7f3043d']" },
        { "sha256", "ea2a01cae57c00df01bff6bb8a72585fdc0abb7a26a869dc1a0131bdff50b400", ["file"], "[file:hashes.'SHA-256' = 'ea2a01cae57c00df01bff6bb8a72585fdc0abb7a26a869dc1a0131bdff50b400']" },
        { "sha512", new string('a', 128), ["file"], $"[file:hashes.'SHA-512' = '{new string('a', 128)}']" },
        { "ssdeep", "96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1C6m", ["file"], "[file:hashes.SSDEEP = '96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1C6m']" },
        { "tlsh", "T1A5B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2", ["file"], "[file:hashes.TLSH = 'T1A5B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2']" },
        { "filename|sha256", "dropper.exe|ea2a01cae57c00df01bff6bb8a72585fdc0abb7a26a869dc1a0131bdff50b400", ["file"], "[file:name = 'dropper.exe' AND file:hashes.'SHA-256' = 'ea2a01cae57c00df01bff6bb8a72585fdc0abb7a26a869dc1a0131bdff50b400']" },
        { "AS", "AS64500", ["autonomous-system"], "[autonomous-system:number = 64500]" },
        { "mutex", "Global\\evil", ["mutex"], "[mutex:name = 'Global\\\\evil']" },
        { "regkey", "HKLM\\Software\\Evil", ["windows-registry-key"], "[windows-registry-key:key = 'HKLM\\\\Software\\\\Evil']" },
        { "regkey|value", "HKCU\\Software\\Run|evil.exe", ["windows-registry-key"], "[windows-registry-key:key = 'HKCU\\\\Software\\\\Run' AND windows-registry-key:values.data = 'evil.exe']" },
    };

    [Theory]
    [MemberData(nameof(Indicators))]
    public void Convert_AttributeWithToIds_IsObservedDataWithScosAndAnIndicatorBasedOnIt(string type, string value, string[] scoTypes, string pattern)
    {
        var attribute = MispEvents.Attribute(type, value, toIds: true);
        var uuid = attribute["uuid"]!.GetValue<string>();

        var objects = MispEvents.Convert(MispEvents.Event([attribute]));

        var observed = objects[$"observed-data--{uuid}"];
        Assert.Equal(scoTypes.Select(t => $"{t}--{uuid}"), observed.Strings("object_refs"));
        var indicator = objects[$"indicator--{uuid}"];
        Assert.Equal(pattern, indicator.Text("pattern"));
        Assert.Equal([$"misp:type=\"{type}\"", "misp:category=\"Network activity\""], indicator.Strings("labels"));
        Assert.Equal(MispEvents.Stamp, indicator.Text("modified"));
        Assert.Equal($"identity--{MispEvents.OrgUuid}", indicator.Text("created_by_ref"));
        Assert.Contains(objects.Values, o => o.Text("type") == "relationship" && o.Text("relationship_type") == "based-on"
            && o.Text("source_ref") == indicator.Text("id") && o.Text("target_ref") == observed.Text("id"));
        AllValid(objects.Values);
    }

    [Fact]
    public void Convert_ValueWithStraySpaces_IsTrimmed_AsMispTrimsWhenItSaves()
    {
        var attribute = MispEvents.Attribute("domain", " ipv4.mikifox.example \t", toIds: true);
        var objects = MispEvents.Convert(MispEvents.Event([attribute]));

        Assert.Equal("[domain-name:value = 'ipv4.mikifox.example']", objects[$"indicator--{attribute["uuid"]!.GetValue<string>()}"].Text("pattern"));
        AllValid(objects.Values);
    }

    [Theory]
    [InlineData("ip-dst", "203.0.113.7")]
    [InlineData("url", "http://evil.example/")]
    [InlineData("sha256", "ea2a01cae57c00df01bff6bb8a72585fdc0abb7a26a869dc1a0131bdff50b400")]
    public void Convert_AttributeWithoutToIds_IsObservedDataOnly(string type, string value)
    {
        var objects = MispEvents.Convert(MispEvents.Event([MispEvents.Attribute(type, value)]));

        Assert.DoesNotContain(objects.Values, o => o.Text("type") is "indicator" or "relationship");
        Assert.Single(objects.Values, o => o.Text("type") == "observed-data");
    }

    [Theory]
    [InlineData("text", "Win32/Agent.ZWH")]
    [InlineData("comment", "seen in a phishing wave")]
    [InlineData("ja3-fingerprint-md5", "e7d705a3286e19ea42f587b344ee6865")]
    [InlineData("pdb", "C:\\build\\evil.pdb")]
    public void Convert_TypeMispStixDoesNotMap_IsKeptWholeAsCustomAttribute(string type, string value)
    {
        var attribute = MispEvents.Attribute(type, value, toIds: true, category: "Other");
        attribute["comment"] = "kept";

        var custom = MispEvents.Convert(MispEvents.Event([attribute]))[$"x-misp-attribute--{attribute["uuid"]}"];

        Assert.Equal((type, value, "Other", "kept"), (custom.Text("x_misp_type"), custom.Text("x_misp_value"), custom.Text("x_misp_category"), custom.Text("x_misp_comment")));
    }

    [Fact]
    public void Convert_LinkAndUserAgent_FollowMispStix()
    {
        var link = MispEvents.Attribute("link", "https://www.welivesecurity.com/report/", category: "External analysis");
        var agent = MispEvents.Attribute("user-agent", "Mozilla/4.0 (evil)", toIds: true);

        var objects = MispEvents.Convert(MispEvents.Event([link, agent]));

        Assert.Equal("https://www.welivesecurity.com/report/", objects[$"url--{link["uuid"]}"].Text("value"));
        Assert.Equal("[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'Mozilla/4.0 (evil)']", objects[$"indicator--{agent["uuid"]}"].Text("pattern"));
        AllValid(objects.Values);
    }

    [Fact]
    public void Convert_Vulnerability_IsVulnerabilityWithItsCve()
    {
        var attribute = MispEvents.Attribute("vulnerability", "CVE-2021-44228", category: "External analysis");

        var vulnerability = MispEvents.Convert(MispEvents.Event([attribute]))[$"vulnerability--{attribute["uuid"]}"];

        Assert.Equal("CVE-2021-44228", vulnerability.Text("name"));
        Assert.Equal("""[{"source_name":"cve","external_id":"CVE-2021-44228"}]""", vulnerability.GetProperty("external_references").GetRawText());
    }

    [Fact]
    public void Convert_AttachmentAndMalwareSample_KeepTheirDataAsArtifacts()
    {
        var attachment = MispEvents.Attribute("attachment", "note.txt", category: "External analysis");
        attachment["data"] = "aGVsbG8=";
        var sample = MispEvents.Attribute("malware-sample", "bar.exe|7637beddacbeac59d44469b2b120b9e6", toIds: true, category: "Payload delivery");
        sample["data"] = "UEsDBAo=";

        var objects = MispEvents.Convert(MispEvents.Event([attachment, sample]));

        var artifact = objects[$"artifact--{attachment["uuid"]}"];
        Assert.Equal("aGVsbG8=", artifact.Text("payload_bin"));
        Assert.Equal(artifact.Text("id"), objects[$"file--{attachment["uuid"]}"].Text("content_ref"));
        var zipped = objects[$"artifact--{sample["uuid"]}"];
        Assert.Equal(("UEsDBAo=", "application/zip", "infected"), (zipped.Text("payload_bin"), zipped.Text("mime_type"), zipped.Text("decryption_key")));
        Assert.Equal("bar.exe", objects[$"file--{sample["uuid"]}"].Text("name"));
        Assert.Contains("file:hashes.MD5 = '7637beddacbeac59d44469b2b120b9e6'", objects[$"indicator--{sample["uuid"]}"].Text("pattern"));
        AllValid(objects.Values);
    }

    [Fact]
    public void Convert_YaraRule_IsAnIndicatorInItsOwnLanguageWithTheRuleAsWritten()
    {
        var rule = "rule evil { strings: $a = \"evil\" condition: $a }";
        var attribute = MispEvents.Attribute("yara", rule, category: "Payload installation");

        var indicator = MispEvents.Convert(MispEvents.Event([attribute]))[$"indicator--{attribute["uuid"]}"];

        Assert.Equal(("yara", rule), (indicator.Text("pattern_type"), indicator.Text("pattern")));
    }

    [Fact]
    public void Convert_RegistryKeySco_SpellsTheHiveOut()
    {
        var attribute = MispEvents.Attribute("regkey", "HKCU\\Software\\Evil", category: "Persistence mechanism");

        var key = MispEvents.Convert(MispEvents.Event([attribute]))[$"windows-registry-key--{attribute["uuid"]}"];

        Assert.Equal("HKEY_CURRENT_USER\\Software\\Evil", key.Text("key"));
    }

    [Theory]
    [InlineData("ip-dst", "999.1.2.3")]
    [InlineData("ip-src|port", "203.0.113.7|70000")]
    [InlineData("domain|ip", "evil.example|not-an-ip")]
    [InlineData("md5", "e34333634b7208b000027be9961214")]
    [InlineData("filename|sha1", "a.exe|xyz")]
    [InlineData("domain", "not a domain")]
    [InlineData("email-src", "nobody")]
    public void Convert_InvalidValue_RejectsTheAttributeWholeNamingEventAndAttribute(string type, string value)
    {
        var attribute = MispEvents.Attribute(type, value, toIds: true);
        var converted = MispFiles.Convert(MispEvents.Wrapped(MispEvents.Event([attribute])));

        var problem = Assert.Single(MispFiles.Problems(converted));
        Assert.Equal(("$.Event.Attribute[0].value", "misp-attribute-value"), (problem.Path, problem.Rule));
        Assert.StartsWith($"Event {MispEvents.EventUuid} \"A test event\", attribute {attribute["uuid"]} {type} '{value}': ", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(MispFiles.Objects(converted), o => o.Text("id").EndsWith(attribute["uuid"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    internal static void AllValid(IEnumerable<JsonElement> objects)
    {
        var errors = objects.SelectMany(o => StixValidator.Validate(o).Errors.Select(e => $"{o.Text("id")}: {e.Rule} at {e.Path}: {e.Message}")).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }
}
