using System.Net;
using System.Net.Http;
using Concord.Platform.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Concord.Platform.Tests.Outbound;

public class GuardTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<TestServer> OkServerAsync() => TestServer.StartAsync(app => app.MapGet("/", () => "hello"));

    [Fact]
    public async Task Loopback_NotAllowListed_IsRefusedBeforeAnyConnection()
    {
        await using var server = await OkServerAsync();
        using var host = new OutboundTestHost();

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => host.Client().GetAsync(server.Url("/"), Cancel));

        Assert.Equal(OutboundRefusal.Loopback, refused.Refusal);
        Assert.Equal(IPAddress.Loopback, refused.Address);
        Assert.Equal($"Refused to call 127.0.0.1:{server.Port}: 127.0.0.1 is loopback; allow-list the host in Concord:Outbound:AllowedHosts.", refused.Message);
        Assert.Equal(0, server.Requests);
        Assert.Contains(host.Logs, l => l.StartsWith("Warning Concord.Platform.Outbound 901", StringComparison.Ordinal) && l.Contains("127.0.0.1 is loopback", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs, l => l.Contains(" 902:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[::1]")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("0.0.0.0")]
    public async Task Loopback_InOtherForms_IsRefused(string literal)
    {
        await using var server = await OkServerAsync();
        using var host = new OutboundTestHost();

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => host.Client().GetAsync($"http://{literal}:{server.Port}/", Cancel));

        Assert.Contains(refused.Refusal, new[] { OutboundRefusal.Loopback, OutboundRefusal.Unspecified });
        Assert.StartsWith($"Refused to call {literal}:{server.Port}: ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task PublicLookingName_ResolvingToAPrivateAddress_IsRefusedNamingHostAndAddress()
    {
        using var host = new OutboundTestHost(names: new() { ["intranet.example"] = ["10.1.2.3"] });

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => host.Client().GetAsync("http://intranet.example/feed.csv", Cancel));

        Assert.Equal(OutboundRefusal.Private, refused.Refusal);
        Assert.Equal("intranet.example", refused.Host);
        Assert.Equal("Refused to call intranet.example:80: intranet.example resolves to 10.1.2.3, which is a private address; "
            + "allow-list the host in Concord:Outbound:AllowedHosts.", refused.Message);
    }

    [Fact]
    public async Task Name_WithOnePublicAndOnePrivateAddress_IsRefused()
    {
        using var host = new OutboundTestHost(names: new() { ["mixed.example"] = ["203.0.113.10", "169.254.169.254"] });

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => host.Client().GetAsync("https://mixed.example/", Cancel));

        Assert.Equal(OutboundRefusal.CloudMetadata, refused.Refusal);
        Assert.Equal(IPAddress.Parse("169.254.169.254"), refused.Address);
    }

    [Theory]
    [InlineData("127.0.0.1", null)]
    [InlineData("peer.test", "peer.test")]
    [InlineData("10.0.0.0/8;127.0.0.0/8", "peer.test")]
    public async Task AllowListedHost_IsReached(string allowed, string? name)
    {
        await using var server = await OkServerAsync();
        using var host = new OutboundTestHost(new() { ["Concord:Outbound:AllowedHosts"] = allowed }, new() { ["peer.test"] = ["127.0.0.1"] });

        var body = await host.Client(OutboundPurpose.Federation).GetStringAsync($"http://{name ?? "127.0.0.1"}:{server.Port}/", Cancel);

        Assert.Equal("hello", body);
    }

    /// <summary>The connection goes to the address the guard checked: a second lookup would have met 10.9.9.9.</summary>
    [Fact]
    public async Task Name_ThatAnswersDifferentlyTheSecondTime_IsConnectedToTheAddressChecked()
    {
        await using var server = await OkServerAsync();
        using var host = new OutboundTestHost(new() { ["Concord:Outbound:AllowedHosts"] = "127.0.0.1" }, new() { ["rebind.test"] = ["127.0.0.1", "10.9.9.9"] });

        var body = await host.Client().GetStringAsync($"http://rebind.test:{server.Port}/", Cancel);

        Assert.Equal("hello", body);
        Assert.Equal(1, host.Lookups["rebind.test"]);
    }

    [Fact]
    public async Task AllowListedPort_OtherPortsOfTheSameHostStayRefused()
    {
        await using var allowed = await OkServerAsync();
        await using var other = await OkServerAsync();
        using var host = new OutboundTestHost(new() { ["Concord:Outbound:AllowedHosts:0"] = $"127.0.0.1:{allowed.Port}" });

        Assert.Equal("hello", await host.Client().GetStringAsync(allowed.Url("/"), Cancel));
        await Assert.ThrowsAsync<OutboundRefusedException>(() => host.Client().GetAsync(other.Url("/"), Cancel));
        Assert.Equal(0, other.Requests);
    }

    [Fact]
    public async Task Redirect_FromAnAllowListedServerToALoopbackPortNotAllowListed_IsRefusedNamingTheTarget()
    {
        await using var target = await OkServerAsync();
        await using var server = await TestServer.StartAsync(app => app.MapGet("/", () => Results.Redirect($"http://127.0.0.1:{target.Port}/admin")));
        using var host = new OutboundTestHost(new() { ["Concord:Outbound:AllowedHosts"] = $"127.0.0.1:{server.Port}" });

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => host.Client().GetAsync(server.Url("/"), Cancel));

        Assert.Equal(OutboundRefusal.Loopback, refused.Refusal);
        Assert.Equal(target.Port, refused.Port);
        Assert.StartsWith($"Refused to call 127.0.0.1:{target.Port}: 127.0.0.1 is loopback", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
        Assert.Equal(0, target.Requests);
    }

    [Fact]
    public async Task Redirect_FromAnAllowListedNameToAnAddressItResolvesTo_IsStillCheckedOnItsOwn()
    {
        await using var server = await TestServer.StartAsync(app =>
        {
            app.MapGet("/", (HttpContext context) => Results.Redirect($"http://127.0.0.1:{context.Connection.LocalPort}/next"));
            app.MapGet("/next", () => "followed");
        });
        using var host = new OutboundTestHost(new() { ["Concord:Outbound:AllowedHosts"] = "peer.test" }, new() { ["peer.test"] = ["127.0.0.1"] });

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => host.Client().GetAsync($"http://peer.test:{server.Port}/", Cancel));

        Assert.Equal("127.0.0.1", refused.Host);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Redirect_WithinAllowListedHosts_IsFollowed()
    {
        await using var server = await TestServer.StartAsync(app =>
        {
            app.MapGet("/", () => Results.Redirect("/next"));
            app.MapGet("/next", () => "followed");
        });
        using var host = new OutboundTestHost(new() { ["Concord:Outbound:AllowedHosts"] = "127.0.0.1" });

        Assert.Equal("followed", await host.Client().GetStringAsync(server.Url("/"), Cancel));
    }

    [Fact]
    public async Task Redirect_FromHttpsToHttp_IsRefused()
    {
        using var certificate = TestServer.Certificate();
        await using var plain = await OkServerAsync();
        await using var secure = await TestServer.StartAsync(app => app.MapGet("/", () => Results.Redirect($"http://127.0.0.1:{plain.Port}/")), certificate);
        using var host = new OutboundTestHost(new() { ["Concord:Outbound:AllowedHosts"] = "127.0.0.1" }, trust: certificate);

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => host.Client().GetAsync(secure.Url("/"), Cancel));

        Assert.Equal(OutboundRefusal.RedirectToHttp, refused.Refusal);
        Assert.Equal($"Refused the redirect from https://127.0.0.1:{secure.Port} to http://127.0.0.1:{plain.Port}: a redirect never goes from https to http.", refused.Message);
        Assert.Equal(1, secure.Requests);
        Assert.Equal(0, plain.Requests);
    }

    [Fact]
    public async Task Https_ToATrustedAllowListedServer_Works()
    {
        using var certificate = TestServer.Certificate();
        await using var secure = await TestServer.StartAsync(app => app.MapGet("/", () => "secret"), certificate);
        using var host = new OutboundTestHost(new() { ["Concord:Outbound:AllowedHosts"] = "127.0.0.1" }, trust: certificate);

        Assert.Equal("secret", await host.Client().GetStringAsync(secure.Url("/"), Cancel));
    }

    [Fact]
    public async Task Redirects_BeyondThePurposesLimit_AreRefused()
    {
        await using var server = await TestServer.StartAsync(app => app.MapGet("/{n:int}", (int n) => Results.Redirect($"/{n + 1}")));
        using var host = new OutboundTestHost(new() { ["Concord:Outbound:AllowedHosts"] = "127.0.0.1", ["Concord:Outbound:Feeds:MaxRedirects"] = "2" });

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => host.Client().GetAsync(server.Url("/0"), Cancel));

        Assert.Equal(OutboundRefusal.TooManyRedirects, refused.Refusal);
        Assert.EndsWith("more than 2 redirects (Concord:Outbound:Feeds:MaxRedirects).", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task Webhooks_FollowNoRedirect()
    {
        await using var server = await TestServer.StartAsync(app => app.MapPost("/hook", () => Results.Redirect("/elsewhere")));
        using var host = new OutboundTestHost(new() { ["Concord:Outbound:AllowedHosts"] = "127.0.0.1" });

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() =>
            host.Client(OutboundPurpose.Webhooks).PostAsync(server.Url("/hook"), new StringContent("{}"), Cancel));

        Assert.Equal(OutboundRefusal.TooManyRedirects, refused.Refusal);
        Assert.EndsWith("Webhooks calls follow no redirects (Concord:Outbound:Webhooks:MaxRedirects).", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_ToAnotherScheme_IsRefused()
    {
        await using var server = await TestServer.StartAsync(app => app.MapGet("/", () => Results.Redirect("file:///etc/passwd")));
        using var host = new OutboundTestHost(new() { ["Concord:Outbound:AllowedHosts"] = "127.0.0.1" });

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => host.Client().GetAsync(server.Url("/"), Cancel));

        Assert.Equal(OutboundRefusal.RedirectScheme, refused.Refusal);
    }
}
