using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Stix.Identifiers;

namespace Concord.Stix.Tests.Identifiers;

public class ScoIdsTests
{
    [Theory]
    [InlineData("ipv4-addr", """{"value":"198.51.100.3"}""", "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4")]
    [InlineData("domain-name", """{"value":"example.com"}""", "domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7")]
    // stix2 (Python) test suite: test_id_gen_recursive_dict_conversion_2.
    [InlineData("windows-registry-key", """{"values":[{"name":"Foo","data":"qwerty"},{"name":"Bar","data":"42"}]}""", "windows-registry-key--36594eba-bcc7-5014-9835-0e154264e588")]
    public void TryCompute_KnownVectors_GiveThePublishedIds(string type, string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.True(ScoIds.TryCompute(type, document.RootElement, out var id));
        Assert.Equal(expected, id);
    }

    [Fact]
    public void TryCompute_FileWithExtensionsAndFloat_MatchesTheStix2LibraryId()
    {
        // stix2 (Python) test_id_gen_recursive_dict_conversion_1; size and magic_number_hex do not contribute.
        const string json = """
            {"type":"file","name":"example.exe","size":68000,"magic_number_hex":"50000000",
             "hashes":{"SHA-256":"841a8921140aba50671ebb0770fecc4ee308c4952cfeff8de154ab14eeef4649"},
             "extensions":{"windows-pebinary-ext":{"pe_type":"exe","machine_hex":"014c","sections":[{"name":".data","size":4096,"entropy":7.980693,
               "hashes":{"SHA-256":"6e3b6f3978e5cd96ba7abee35c24e867b7e64072e2ecb22d0ee7a6e6af6894d0"}}]}}}
            """;
        using var document = JsonDocument.Parse(json);

        Assert.True(ScoIds.TryCompute("file", document.RootElement, out var id));
        Assert.Equal("file--ced31cd4-bdcb-537d-aefa-92d291bfc11d", id);
    }

    [Fact]
    public void TryCompute_SeveralHashes_UsesOnlyMd5ThenSha1ThenSha256()
    {
        using var both = JsonDocument.Parse("""{"name":"resume.pdf","hashes":{"SHA-1":"c79a326f8411e9488bdc3779753e1e3489aaedea","MD5":"1717b7fff97d37a1e1a0029d83492de1"}}""");
        using var md5Only = JsonDocument.Parse("""{"name":"resume.pdf","hashes":{"MD5":"1717b7fff97d37a1e1a0029d83492de1"}}""");
        using var sha1AndOther = JsonDocument.Parse("""{"name":"resume.pdf","hashes":{"SSDEEP":"3:a:b","SHA-1":"c79a326f8411e9488bdc3779753e1e3489aaedea"}}""");
        using var sha1Only = JsonDocument.Parse("""{"name":"resume.pdf","hashes":{"SHA-1":"c79a326f8411e9488bdc3779753e1e3489aaedea"}}""");

        Assert.True(ScoIds.TryCompute("file", both.RootElement, out var a));
        Assert.True(ScoIds.TryCompute("file", md5Only.RootElement, out var b));
        Assert.True(ScoIds.TryCompute("file", sha1AndOther.RootElement, out var c));
        Assert.True(ScoIds.TryCompute("file", sha1Only.RootElement, out var d));
        Assert.Equal(a, b);
        Assert.Equal(c, d);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void TryCompute_NoContributingPropertyOrNotAnSco_ReturnsFalse()
    {
        using var process = JsonDocument.Parse("""{"pid":4}""");
        using var emptyMessage = JsonDocument.Parse("""{"is_multipart":false}""");
        using var emptyHashes = JsonDocument.Parse("""{"hashes":{}}""");

        Assert.False(ScoIds.TryCompute("process", process.RootElement, out _));
        Assert.False(ScoIds.TryCompute("email-message", emptyMessage.RootElement, out _));
        Assert.False(ScoIds.TryCompute("artifact", emptyHashes.RootElement, out _));
        Assert.False(ScoIds.TryCompute("indicator", process.RootElement, out _));
        Assert.Null(ScoIds.ContributingProperties("indicator"));
        Assert.Empty(ScoIds.ContributingProperties("process")!);
    }

    [Fact]
    public void Verify_OasisExamples_DeterministicIdsMatchAndRandomOnesDiffer()
    {
        var statuses = new Dictionary<string, ScoIdStatus>();
        foreach (var file in new[] { ("examples-cti-documentation", "sighting-of-observed-data.json"), ("examples", "infrastructure.json") })
        {
            using var stream = File.OpenRead(Concord.Testing.SharedData.Path("stix2.1", file.Item1, file.Item2));
            foreach (var entry in StixBundleReader.Read(stream))
            {
                Assert.True(entry.TryParse(out var obj, out _));
                using (obj)
                {
                    if (obj.Kind == StixKind.CyberObservable)
                    {
                        statuses[obj.Id] = ScoIds.Verify(obj.Json, out _);
                    }
                }
            }
        }

        Assert.Equal(ScoIdStatus.Matches, statuses["file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d"]);
        Assert.Equal(ScoIdStatus.Matches, statuses["windows-registry-key--16b80d14-d574-5620-abad-10ff304b1c26"]);
        // These two use UUIDv4 ids, which STIX allows (SHOULD, not MUST).
        Assert.Equal(ScoIdStatus.NotDeterministic, statuses["ipv4-addr--1e4ffad7-0b88-41d4-ba4d-77d27490b956"]);
        Assert.Equal(ScoIdStatus.NotDeterministic, statuses["domain-name--ecb120bf-2694-4902-a737-62b74539a41b"]);
    }

    [Theory]
    [InlineData("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4", ScoIdStatus.Matches)]
    [InlineData("ipv4-addr--1e4ffad7-0b88-41d4-ba4d-77d27490b956", ScoIdStatus.NotDeterministic)]
    [InlineData("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c5", ScoIdStatus.Mismatch)]
    [InlineData("not-an-id", ScoIdStatus.NotDeterministic)]
    public void Verify_ClassifiesTheIdAgainstTheComputedOne(string id, ScoIdStatus expected)
    {
        using var document = JsonDocument.Parse($$"""{"type":"ipv4-addr","id":"{{id}}","value":"198.51.100.3"}""");

        Assert.Equal(expected, ScoIds.Verify(document.RootElement, out var computed));
        Assert.Equal("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4", computed);
    }

    [Fact]
    public void Create_WithContributingProperty_BuildsAnScoWithTheDeterministicId()
    {
        using var sco = ScoIds.Create("ipv4-addr", new JsonObject { ["value"] = "198.51.100.3" });

        Assert.Equal("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4", sco.Id);
        Assert.Equal("2.1", sco.SpecVersion);
        Assert.Equal(ScoIdStatus.Matches, ScoIds.Verify(sco.Json, out _));
    }

    [Fact]
    public void Create_ProcessWithoutContributingProperties_UsesARandomUuidV4()
    {
        using var first = ScoIds.Create("process", new JsonObject { ["pid"] = 4 });
        using var second = ScoIds.Create("process", new JsonObject { ["pid"] = 4 });

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal('4', first.Id["process--".Length + 14]);
        Assert.Throws<ArgumentException>(() => ScoIds.Create("indicator", []));
    }

    [Fact]
    public void UuidV5_DnsNamespaceVector_MatchesRfc4122Implementations()
    {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") == 886313e1-3b8a-5372-9b90-0c9aee199e5d
        var dns = Convert.FromHexString("6ba7b8109dad11d180b400c04fd430c8");

        Assert.Equal("886313e1-3b8a-5372-9b90-0c9aee199e5d", ScoIds.UuidV5(dns, "python.org"u8));
    }
}
