using Concord.Stix.Patterning;

namespace Concord.Stix.Tests.Patterning;

/// <summary>The example patterns of STIX 2.1 section 9, typed in as they appear there (not JSON-encoded).</summary>
public class SpecExampleTests
{
    public static TheoryData<string> Examples => new()
    {
        // 9.1 definitions
        "user-account:value = 'Peter'".Wrap(),
        "[ipv4-addr:value = '203.0.113.1' OR ipv4-addr:value = '203.0.113.2']",
        "([ipv4-addr:value = '198.51.100.5'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.10'])",
        "([ipv4-addr:value = '198.51.100.5' ] AND [ipv4-addr:value = '198.51.100.10']) WITHIN 300 SECONDS",
        "[file:name = 'foo.dll'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
        "[ipv4-addr:value = '198.51.100.5'] AND [ ipv4-addr:value = '198.51.100.10']",
        "[file:size = 25536]",

        // 9.3
        "[ipv4-addr:value = '198.51.100.1/32']",
        "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']\n",
        "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128'] REPEATS 5 TIMES",
        "([ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128'] FOLLOWEDBY [domain-name:value = 'example.com']) WITHIN 600 SECONDS",

        // 9.5
        "[ network-traffic:src_ref.value = '203.0.113.10' AND network-traffic:dst_ref.value = '198.51.100.58' ]",
        "([file:hashes.'SHA-256' = '13987239847...'] AND [windows-registry-key:key = 'hkey']) WITHIN 120 SECONDS",

        // 9.6.1 operator examples
        "file:name = 'foo.dll'".Wrap(),
        "file:size != 4112".Wrap(),
        "file:size > 256".Wrap(),
        "file:size < 1024".Wrap(),
        "file:size <= 25145".Wrap(),
        "file:size >= 33312".Wrap(),
        "process:name IN ('proccy', 'proximus', 'badproc')".Wrap(),
        @"directory:path LIKE 'C:\\Windows\\%\\foo'".Wrap(),
        @"directory:path MATCHES '^C:\\\\Windows\\\\w+$'".Wrap(),
        "ipv4-addr:value ISSUBSET '198.51.100.0/24'".Wrap(),
        "ipv4-addr:value ISSUPERSET '198.51.100.0/24'".Wrap(),
        "EXISTS windows-registry-key:values".Wrap(),

        // 9.6.4
        "artifact:payload_bin = 'dGhpcyBpcyBhIHRlc3Q='".Wrap(),
        "artifact:payload_bin = 'this is a test'".Wrap(),
        "artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q='".Wrap(),
        "artifact:payload_bin = h'7468697320697320612074657374'".Wrap(),

        // 9.7 object paths
        "file:size = 1".Wrap(),
        "file:extensions.'windows-pebinary-ext'.sections[*].entropy = 1".Wrap(),
        "network-traffic:protocols[0] = 'tcp'".Wrap(),
        "file:hashes.ssdeep = 'x'".Wrap(),
        "file:extensions.'raster-image-ext'.image_height = 1".Wrap(),
        "email-message:from_ref.value = 'a@example.com'".Wrap(),
        "directory:contains_refs[*].name = 'x'".Wrap(),

        // 9.8 examples
        "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
        @"[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']",
        "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']",
        "[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']\nAND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
        @"([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS",
        "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']",
        @"[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00']",
        @"[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\Windows\\System32']",
        "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
        "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
        "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
        "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
        "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
        "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']",
        "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
        @"[windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\CryptoLocker\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\Microsoft\\CurrentVersion\\Run\\CryptoLocker_0388']",
        "[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']",
        "[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']",
        "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']",
        "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
        "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
        @"([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) OR [process:image_ref.name = 'fooproc' OR process:image_ref.name = 'procfoo']",
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void TryParse_SpecExample_Parses(string pattern)
    {
        var ok = StixPattern.TryParse(pattern, out var expression, out var error);

        Assert.True(ok, error?.ToString());
        Assert.NotEmpty(expression!.Comparisons());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void ToString_SpecExample_ParsesBackToTheSameTree(string pattern)
    {
        Assert.True(StixPattern.TryParse(pattern, out var first, out _));

        Assert.True(StixPattern.TryParse(first.ToString(), out var second, out var error), error?.ToString());
        Assert.Equal(first, second);
        Assert.Equal(first.ToString(), second.ToString());
    }

    [Fact]
    public void TryParse_SpecWindowsPathExample_UnescapesBackslashes()
    {
        Assert.True(StixPattern.TryParse(@"[file:parent_directory_ref.path = 'C:\\Windows\\System32']", out var expression, out _));

        Assert.Equal(@"C:\Windows\System32", expression!.Comparisons()[0].Value!.Value);
    }

    [Fact]
    public void TryParse_SpecPseudoPatternWithUnquotedHyphenatedProperty_IsRejected()
    {
        // Section 9.5 illustrates AND/OR with "type-a:property-j", which its own 9.7 rule forbids unquoted.
        var ok = StixPattern.TryParse("[type-a:property-j = 'W' AND type-a:property-k = 'X' OR type-a:property-l = 'Z']", out _, out var error);

        Assert.False(ok);
        Assert.Equal(16, error!.Position);
    }
}

internal static class PatternText
{
    /// <summary>Puts a bare comparison from the specification's operator tables into an observation expression.</summary>
    public static string Wrap(this string comparison) => $"[{comparison}]";
}
