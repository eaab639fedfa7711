using Concord.Platform.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.Platform.Tests.Outbound;

public class OutboundOptionsTests
{
    private static OutboundOptions Read(Dictionary<string, string?> settings)
    {
        using var host = new OutboundTestHost(settings);
        return host.Services.GetRequiredService<IOptions<OutboundOptions>>().Value;
    }

    [Fact]
    public void AllowedHosts_AsOneSeparatedString_AreEachAnEntry()
    {
        var options = Read(new() { ["Concord:Outbound:AllowedHosts"] = "127.0.0.1; localhost,10.0.0.0/8" });

        Assert.Equal(["127.0.0.1", "localhost", "10.0.0.0/8"], options.AllowedHosts);
    }

    [Fact]
    public void AllowedHosts_AsAList_AreEachAnEntry()
    {
        var options = Read(new() { ["Concord:Outbound:AllowedHosts:0"] = "127.0.0.1", ["Concord:Outbound:AllowedHosts:1"] = "[::1]:5080" });

        Assert.Equal(["127.0.0.1", "[::1]:5080"], options.AllowedHosts);
    }

    [Fact]
    public void Defaults_AreValidAndAllowNothing()
    {
        var options = Read([]);

        Assert.Empty(options.AllowedHosts);
        Assert.Equal(0, options.Webhooks.MaxRedirects);
    }

    [Theory]
    [InlineData("Concord:Outbound:AllowedHosts", "https://misp.example", "Concord:Outbound:AllowedHosts: 'https://misp.example' is a URL")]
    [InlineData("Concord:Outbound:AllowedHosts", "10.1.2.3/8", "Concord:Outbound:AllowedHosts: '10.1.2.3/8' is not a CIDR range")]
    [InlineData("Concord:Outbound:AllowedHosts", "0.0.0.0/0", "'0.0.0.0/0' would allow every address")]
    [InlineData("Concord:Outbound:ConnectTimeout", "00:00:00", "Concord:Outbound:ConnectTimeout must be from")]
    [InlineData("Concord:Outbound:Webhooks:TotalTimeout", "00:00:05", "Concord:Outbound:Webhooks:TotalTimeout (00:00:05) must be at least its AttemptTimeout (00:00:10)")]
    [InlineData("Concord:Outbound:Feeds:MaxRetries", "11", "Concord:Outbound:Feeds:MaxRetries must be from 0 to 10, not 11.")]
    [InlineData("Concord:Outbound:Federation:MaxRedirects", "-1", "Concord:Outbound:Federation:MaxRedirects must be from 0 to 20, not -1.")]
    [InlineData("Concord:Outbound:Federation:AttemptTimeout", "00:00:00.001", "Concord:Outbound:Federation:AttemptTimeout must be from 00:00:00.0100000")]
    public void InvalidSetting_IsRefusedWithAMessageNamingIt(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(new() { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
