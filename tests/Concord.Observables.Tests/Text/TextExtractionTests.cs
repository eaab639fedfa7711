using Concord.Observables.Text;

namespace Concord.Observables.Tests.Text;

public sealed class TextExtractionTests
{
    private static List<string> Found(string text) => [.. TextExtractor.Extract(text).Select(f => $"{f.Kind}:{f.Value}")];

    [Theory]
    [InlineData("hxxp://evil[.]example/a", "url:http://evil.example/a")]
    [InlineData("hXXps://evil[.]example/login", "url:https://evil.example/login")]
    [InlineData("http[:]//evil(.)example/x", "url:http://evil.example/x")]
    [InlineData("hxxps[://]evil{.}example", "url:https://evil.example/")]
    [InlineData("fxp://files[.]evil[.]example/p", "url:ftp://files.evil.example/p")]
    [InlineData("evil[dot]example", "domain-name:evil.example")]
    [InlineData("evil (dot) example", "domain-name:evil.example")]
    [InlineData("bob[@]evil[.]example", "email-addr:bob@evil.example")]
    [InlineData("bob (at) evil [dot] example", "email-addr:bob@evil.example")]
    [InlineData("198.51.100[.]7", "ipv4-addr:198.51.100.7")]
    public void Extract_DefangedForms_AreRefanged(string text, string expected) =>
        Assert.Equal([expected], Found($"Seen: {text}."));

    [Fact]
    public void Extract_Report_FindsEveryKindOnceInOrder()
    {
        var text = """
            The actor sent mail from phish@bad-sender.example with a link to hxxps://cdn.bad-sender[.]example/inv.php?id=7.
            C2 at 203.0.113.9 and 2001:db8::17, scanning from 198.51.100.0/24. Dropper invoice.exe
            (MD5 D41D8CD98F00B204E9800998ECF8427E, SHA-256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855)
            exploits cve-2021-44228 via T1566.001 and T1059. Again: 203.0.113.9. Contact: update-server[.]example.
            """;
        Assert.Equal(
            [
                "email-addr:phish@bad-sender.example", "url:https://cdn.bad-sender.example/inv.php?id=7", "ipv4-addr:203.0.113.9",
                "ipv6-addr:2001:db8::17", "ipv4-net:198.51.100.0/24", "md5:d41d8cd98f00b204e9800998ecf8427e",
                "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "vulnerability:CVE-2021-44228",
                "attack-pattern:T1566.001", "attack-pattern:T1059", "domain-name:update-server.example",
            ],
            Found(text));
    }

    [Fact]
    public void Extract_Cidr_ClearsHostBits()
    {
        Assert.Equal(["ipv4-net:10.1.0.0/16"], Found("range 10.1.2.3/16 blocked"));
    }

    [Fact]
    public void Extract_Sha1AndSha512_TakenByLength()
    {
        var sha1 = new string('a', 40);
        var sha512 = new string('b', 128);
        var odd = new string('c', 50);
        Assert.Equal([$"sha1:{sha1}", $"sha512:{sha512}"], Found($"{sha1} {odd} {sha512}"));
    }

    [Theory]
    [InlineData("Open invoice.pdf and run payload.exe, then setup.ps1.")]
    [InlineData("At 10:30:00 the version 1.2 was seen; see section 3.4, e.g. here.")]
    [InlineData("Meet me at noon (at) the office.")]
    [InlineData("Version 2.3.4.5.6 is not an address.")]
    public void Extract_Prose_YieldsNothing(string text) => Assert.Empty(Found(text));

    [Fact]
    public void Extract_UrlWithTrailingPunctuation_StopsBeforeIt()
    {
        Assert.Equal(["url:https://evil.example/a(b)", "url:https://evil.example/c"],
            Found("See (https://evil.example/a(b)), and \"https://evil.example/c\"."));
    }

    [Fact]
    public void Extract_UrlHostAndMailDomain_AreNotAlsoDomains()
    {
        Assert.Equal(["url:http://evil.example/x", "email-addr:a@mail.example"], Found("http://evil.example/x a@mail.example"));
    }

    [Fact]
    public void Extract_Snippet_ShowsTheSurroundingTextOnOneLine()
    {
        var finding = Assert.Single(TextExtractor.Extract("first line\nthe beacon went to\n  evil[.]example every hour"));
        Assert.Equal("first line the beacon went to evil.example every hour", finding.Snippet);
        Assert.Equal(ObservableKind.Domain, finding.Observable!.Value.Kind);
    }

    [Fact]
    public void Extract_AttackIds_NeedTheUpperCaseT()
    {
        Assert.Equal(["attack-pattern:T1566"], Found("t1566 is not one, T1566 is; T15660 is not."));
    }
}
