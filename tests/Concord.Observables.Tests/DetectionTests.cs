using Concord.Observables;

namespace Concord.Observables.Tests;

public sealed class DetectionTests
{
    [Theory]
    [InlineData("192.0.2.1", "ipv4-addr:192.0.2.1")]
    [InlineData("10.1.2.3/8", "ipv4-net:10.0.0.0/8")]
    [InlineData("2001:DB8::1", "ipv6-addr:2001:db8::1")]
    [InlineData("HTTPS://Example.com/x", "url:https://example.com/x")]
    [InlineData("Bob@Example.com", "email-addr:Bob@example.com")]
    [InlineData("D41D8CD98F00B204E9800998ECF8427E", "md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("da39a3ee5e6b4b0d3255bfef95601890afd80709", "sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("AS15169", "autonomous-system:15169")]
    [InlineData("HKLM\\Software\\Run", "windows-registry-key:HKEY_LOCAL_MACHINE\\software\\run")]
    [InlineData("96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO:sF1LjEtHHlZDrJzrhuyZvHYm8tKp", "ssdeep:96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO:sF1LjEtHHlZDrJzrhuyZvHYm8tKp")]
    [InlineData("3::", "ipv6-addr:3::")] // the SSDEEP of an empty file is also a valid IPv6 address; the address wins
    [InlineData("Bücher.Example", "domain-name:xn--bcher-kva.example")]
    [InlineData("hkjiqk.com", "domain-name:hkjiqk.com")] // starts like a hive, but has no path: a domain
    public void Detect_UnambiguousValues_FindTheirKind(string raw, string expected)
    {
        var result = Observable.Detect(raw);
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(expected, result.Value.ToString());
    }

    [Theory]
    [InlineData("Global\\SomeMutex")]
    [InlineData("Mozilla/5.0 (X11)")]
    [InlineData("")]
    [InlineData("abc def")]
    public void Detect_AmbiguousOrMalformedValues_AskForTheKind(string raw)
    {
        var result = Observable.Detect(raw);
        Assert.False(result.IsSuccess);
        Assert.Equal("observable-kind", result.Error!.Rule);
    }
}
