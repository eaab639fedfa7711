using Concord.Observables;
using static Concord.Observables.Tests.ObservableAssert;

namespace Concord.Observables.Tests;

public sealed class UrlAndHashNormalisationTests
{
    [Theory]
    [InlineData("HTTP://Example.COM:80/a/B?q=1#frag", "http://example.com/a/B?q=1")]
    [InlineData("https://example.com:443", "https://example.com/")]
    [InlineData("https://example.com:8443/x", "https://example.com:8443/x")]
    [InlineData("http://example.com?x=1", "http://example.com/?x=1")]
    [InlineData("http://bücher.example/pfad", "http://xn--bcher-kva.example/pfad")]
    [InlineData("http://example.com/%7euser/%2f%41", "http://example.com/~user/%2FA")]
    [InlineData("http://example.com/a b/é", "http://example.com/a%20b/%C3%A9")]
    [InlineData("http://[2001:DB8::1]:8080/", "http://[2001:db8::1]:8080/")]
    [InlineData("http://user:Pass@Example.com/", "http://user:Pass@example.com/")]
    [InlineData("http://192.0.2.1/a/../b", "http://192.0.2.1/a/../b")]
    [InlineData("ftp://files.example:21/pub", "ftp://files.example/pub")]
    public void Url_Values_AreNormalisedTheSafeWays(string raw, string expected) =>
        Normalises(ObservableKind.Url, raw, expected);

    [Fact]
    public void Url_Normalisation_IsIdempotent()
    {
        var once = Parses(ObservableKind.Url, "HTTP://Bücher.Example:80/a%7e/%e2%82%ac?x=%41#f").Value;
        Assert.Equal(once, Parses(ObservableKind.Url, once).Value);
    }

    [Theory]
    [InlineData("example.com/path")]
    [InlineData("http://exa mple.com/")]
    [InlineData("http://example.com:99999/")]
    [InlineData("http://[2001:db8::1/")]
    [InlineData("1http://example.com/")]
    public void Url_MalformedValues_AreRejected(string raw) => Rejects(ObservableKind.Url, raw);

    [Theory]
    [InlineData(ObservableKind.Md5, "D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData(ObservableKind.Sha1, "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData(ObservableKind.Sha256, "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData(ObservableKind.Ssdeep, " 3:: ", "3::")]
    [InlineData(ObservableKind.Ssdeep, "96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrJzrhuyZvHYm8tKp/RWO", "96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrJzrhuyZvHYm8tKp/RWO")]
    public void Hashes_AreLowerCaseHexOrKeptAsGiven(ObservableKind kind, string raw, string expected) =>
        Normalises(kind, raw, expected);

    [Fact]
    public void Tlsh_UpperAndLowerCase_NormaliseToOneValue()
    {
        const string Digits = "8d2d3b4b6d0a81f13b27e9c38e6dd7b4a60f3112e4b5ce43de30fb97c7fc3dac24fa7a";
        var lower = Parses(ObservableKind.Tlsh, "t1" + Digits);
        Assert.Equal(lower, Parses(ObservableKind.Tlsh, "T1" + Digits.ToUpperInvariant()));
        Assert.Equal("T1" + Digits.ToUpperInvariant(), lower.Value);
    }

    [Theory]
    [InlineData(ObservableKind.Md5, "d41d8cd98f00b204e9800998ecf8427")]
    [InlineData(ObservableKind.Md5, "g41d8cd98f00b204e9800998ecf8427e")]
    [InlineData(ObservableKind.Sha256, "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData(ObservableKind.Sha512, "abc")]
    [InlineData(ObservableKind.Ssdeep, "not-a-fuzzy-hash")]
    [InlineData(ObservableKind.Tlsh, "T1ABC")]
    public void Hashes_WithWrongLengthOrDigits_AreRejected(ObservableKind kind, string raw) => Rejects(kind, raw);

    [Fact]
    public void Md5_WrongLength_NamesTheExpectedLength() =>
        Assert.Contains("32 hex digits", Rejects(ObservableKind.Md5, "abcd"), StringComparison.Ordinal);

    [Theory]
    [InlineData("hxxp://evil[.]example/a", "http://evil.example/a")]
    [InlineData("hXXps://evil(.)example", "https://evil.example")]
    [InlineData("user[@]example[.]org", "user@example.org")]
    [InlineData("192.0.2[.]1", "192.0.2.1")]
    [InlineData("plain.example", "plain.example")]
    public void Refang_CommonDefanging_IsUndone(string raw, string expected) => Assert.Equal(expected, Refang.Apply(raw));

    [Fact]
    public void Parse_DefangedUrl_IsRejectedUntilRefanged()
    {
        Rejects(ObservableKind.Url, "hxxp://evil[.]example/");
        Assert.Equal("http://evil.example/", Parses(ObservableKind.Url, Refang.Apply("hxxp://evil[.]example/")).Value);
    }
}
