using System.Text.Json;
using Concord.Observables;
using Concord.Observables.Extraction;
using Concord.Stix;
using Concord.Testing;

namespace Concord.Observables.Tests.Extraction;

public sealed class ExtractionTests
{
    private static ObservableExtraction Extract(string json)
    {
        Assert.True(StixParser.TryParse(json, out var stixObject, out var error), error?.ToString());
        return ObservableExtractor.Extract(stixObject);
    }

    private static string Indicator(string pattern, string patternType = "stix") => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["type"] = "indicator", ["spec_version"] = "2.1", ["id"] = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
        ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z",
        ["pattern"] = pattern, ["pattern_type"] = patternType, ["valid_from"] = "2026-01-01T00:00:00Z",
    });

    private static List<string> Values(ObservableExtraction extraction) => [.. extraction.Observables.Select(o => o.Observable.ToString())];

    [Fact]
    public void Sco_Ipv4WithCidr_YieldsANetworkFromItsValue()
    {
        var extraction = Extract("""{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd","value":"198.51.100.3/24"}""");
        var only = Assert.Single(extraction.Observables);
        Assert.Equal("ipv4-net:198.51.100.0/24", only.Observable.ToString());
        Assert.Equal("$.value", only.Source);
    }

    [Fact]
    public void Sco_FileHashes_YieldEveryKnownAlgorithmAndSkipOthers()
    {
        var extraction = Extract("""
            {"type":"file","spec_version":"2.1","id":"file--fb0419a8-f09c-57f8-be64-71a80417591c","name":"a.exe",
             "hashes":{"MD5":"D41D8CD98F00B204E9800998ECF8427E","SHA-256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","SHA3-256":"a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"}}
            """);
        Assert.Equal(["md5:d41d8cd98f00b204e9800998ecf8427e", "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"], Values(extraction));
        Assert.Equal("$.hashes['SHA-256']", extraction.Observables[1].Source);
    }

    [Theory]
    [InlineData("""{"type":"domain-name","spec_version":"2.1","id":"domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5","value":"Example.COM."}""", "domain-name:example.com")]
    [InlineData("""{"type":"url","spec_version":"2.1","id":"url--c1477287-23ac-5971-a010-5c287877fa60","value":"HTTP://Example.com:80/x#y"}""", "url:http://example.com/x")]
    [InlineData("""{"type":"email-addr","spec_version":"2.1","id":"email-addr--2d77a846-6264-5d51-b586-e43822ea1ea3","value":"John@Example.com"}""", "email-addr:John@example.com")]
    [InlineData("""{"type":"mutex","spec_version":"2.1","id":"mutex--eba44954-d4e4-5d3b-814c-2b17dd8de300","name":"__CLEANSWEEP__"}""", "mutex:__CLEANSWEEP__")]
    [InlineData("""{"type":"windows-registry-key","spec_version":"2.1","id":"windows-registry-key--2ba37ae7-2745-5082-9dfd-9486dad41016","key":"hkey_local_machine\\System\\Foo"}""", "windows-registry-key:HKEY_LOCAL_MACHINE\\system\\foo")]
    [InlineData("""{"type":"autonomous-system","spec_version":"2.1","id":"autonomous-system--f720c34b-98ae-597f-ade5-27ef187c3d3a","number":15139}""", "autonomous-system:15139")]
    [InlineData("""{"type":"ipv6-addr","spec_version":"2.1","id":"ipv6-addr--1e61d36c-a16c-53b7-a80f-2a00161c96b1","value":"2001:0db8::0001"}""", "ipv6-addr:2001:db8::1")]
    public void Sco_SingleValue_IsNormalised(string json, string expected) => Assert.Equal([expected], Values(Extract(json)));

    [Fact]
    public void Sco_Certificate_YieldsSerialAndHashes()
    {
        var extraction = Extract("""
            {"type":"x509-certificate","spec_version":"2.1","id":"x509-certificate--463d7b2a-8516-5a50-a3d7-6f801465d5de",
             "serial_number":"36:f7:d4:32:f4:ab:70:ea:d3:ce:98:6e:ea:99:93:49:32:0a:b7:06","hashes":{"SHA-1":"1D3F0D4C4F4B9A1AB1A0B3E1C3B1F0A5D1C2E3F4"}}
            """);
        Assert.Equal(["x509-serial:36f7d432f4ab70ead3ce986eea999349320ab706", "sha1:1d3f0d4c4f4b9a1ab1a0b3e1c3b1f0a5d1c2e3f4"], Values(extraction));
    }

    [Fact]
    public void Sco_NetworkTraffic_YieldsOnlyTheUserAgent()
    {
        var extraction = Extract("""
            {"type":"network-traffic","spec_version":"2.1","id":"network-traffic--f8ae967a-3dc3-5cdf-8f94-8505abff00c2",
             "dst_ref":"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd","protocols":["tcp","http"],
             "extensions":{"http-request-ext":{"request_method":"get","request_value":"/download.html",
               "request_header":{"Accept-Encoding":"gzip,deflate","User-Agent":"Mozilla/5.0 (Windows; U; Windows NT 5.1; en-US; rv:1.8.1.6) Gecko/20040113"}}}}
            """);
        var only = Assert.Single(extraction.Observables);
        Assert.Equal(ObservableKind.UserAgent, only.Observable.Kind);
        Assert.Equal("$.extensions['http-request-ext'].request_header['User-Agent']", only.Source);
    }

    [Fact]
    public void Sco_MalformedValue_IsRejectedWithItsPathAndReason()
    {
        var extraction = Extract("""{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd","value":"999.1.1.1"}""");
        Assert.Empty(extraction.Observables);
        Assert.Equal("$.value", Assert.Single(extraction.Rejected).Source);
    }

    [Fact]
    public void Pattern_EqualityAndInComparisons_YieldObservablesWithTheirPosition()
    {
        var extraction = Extract(Indicator(
            "[ipv4-addr:value IN ('198.51.100.1', '198.51.100.2') AND file:hashes.'SHA-256' = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855'] " +
            "FOLLOWEDBY [network-traffic:dst_ref.value = 'evil.example' AND url:value = 'http://evil.example/a']"));
        Assert.Equal(
            ["ipv4-addr:198.51.100.1", "ipv4-addr:198.51.100.2", "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "domain-name:evil.example", "url:http://evil.example/a"],
            Values(extraction));
        Assert.Equal("$.pattern[2] file:hashes.'SHA-256'", extraction.Observables[2].Source);
    }

    [Fact]
    public void Pattern_NegatedAndNonEqualityComparisons_YieldNothing()
    {
        var extraction = Extract(Indicator(
            "[ipv4-addr:value != '198.51.100.1' OR domain-name:value NOT = 'a.example' OR url:value LIKE 'http://%' OR ipv4-addr:value ISSUBSET '10.0.0.0/8' OR file:name = 'x.exe']"));
        Assert.Empty(extraction.Observables);
    }

    [Theory]
    [InlineData("[email-message:to_refs[*].value = 'Victim@Example.org']", "email-addr:Victim@example.org")]
    [InlineData("[mutex:name = 'Global\\\\Evil']", "mutex:Global\\Evil")]
    [InlineData("[windows-registry-key:key = 'HKLM\\\\Software\\\\Run']", "windows-registry-key:HKEY_LOCAL_MACHINE\\software\\run")]
    [InlineData("[x509-certificate:serial_number = '00:AB']", "x509-serial:ab")]
    [InlineData("[autonomous-system:number = 64496]", "autonomous-system:64496")]
    [InlineData("[network-traffic:dst_ref.value = '2001:DB8::5']", "ipv6-addr:2001:db8::5")]
    [InlineData("[file:hashes.MD5 = 'D41D8CD98F00B204E9800998ECF8427E']", "md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'curl/8.0']", "user-agent:curl/8.0")]
    public void Pattern_ObjectPaths_MapToKinds(string pattern, string expected) => Assert.Equal([expected], Values(Extract(Indicator(pattern))));

    [Fact]
    public void Pattern_OfAnotherLanguage_IsNotParsed() =>
        Assert.Empty(Extract(Indicator("alert tcp any any -> 198.51.100.1 any", "snort")).Observables);

    [Fact]
    public void Pattern_RepeatedValue_IsExtractedOnceWithItsFirstPosition()
    {
        var extraction = Extract(Indicator("[domain-name:value = 'a.example'] OR [domain-name:value = 'A.EXAMPLE.']"));
        Assert.Equal("$.pattern[0] domain-name:value", Assert.Single(extraction.Observables).Source);
    }

    [Fact]
    public void PoisonIvyReport_YieldsItsIndicatorsAndReportsTheMalformedDomain()
    {
        var path = SharedData.Path("stix2.1", "examples", "threat-reports", "poisonivy.json");
        using var bundle = JsonDocument.Parse(File.ReadAllBytes(path));
        var found = new List<ExtractedObservable>();
        var rejected = new List<RejectedObservable>();
        foreach (var element in bundle.RootElement.GetProperty("objects").EnumerateArray())
        {
            var extraction = Extract(element.GetRawText());
            found.AddRange(extraction.Observables);
            rejected.AddRange(extraction.Rejected);
        }

        Assert.Contains(found, o => o.Observable.ToString() == "ipv4-addr:219.76.208.163");
        Assert.Contains(found, o => o.Observable.ToString() == "domain-name:www.webserver.dynssl.com");
        Assert.Contains(rejected, r => r.Reason.Contains("' ' is not allowed", StringComparison.Ordinal));
    }
}
