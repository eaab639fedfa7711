using Concord.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.IntegrationTests.Host;

public class ConfigurationTests
{
    [Fact]
    public async Task Postgres_WithoutConnectionString_IsRefusedWithAMessageNamingTheSetting()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => BuildAsync(new()
        {
            ["Concord:Storage:Provider"] = "Postgres",
            ["Concord:Storage:ConnectionString"] = "",
        }));

        Assert.Contains("Concord:Storage:ConnectionString is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Urls_ThatAreNotHttp_AreRefusedWithAMessageNamingTheSetting()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => BuildAsync(new() { ["Concord:Urls"] = "ftp://127.0.0.1:21" }));

        Assert.Contains("Concord:Urls", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLimit_BelowOneKilobyte_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => BuildAsync(new() { ["Concord:Limits:MaxRequestBytes"] = "10" }));

        Assert.Contains("MaxRequestBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousPublicReads_TheOldTaxiiKey_StillTurnsThemOnForEveryInterface()
    {
        var access = await AccessOptionsAsync(new() { ["Concord:Taxii:AllowAnonymousPublicReads"] = "true" });

        Assert.True(access.AnonymousPublicReads);
    }

    [Fact]
    public async Task AnonymousPublicReads_OldAndNewKeysThatDisagree_AreRefusedWithAMessageNamingBoth()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => AccessOptionsAsync(new()
        {
            ["Concord:Taxii:AllowAnonymousPublicReads"] = "true",
            ["Concord:Access:AllowAnonymousPublicReads"] = "false",
        }));

        Assert.Contains("Concord:Taxii:AllowAnonymousPublicReads is deprecated", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Concord:Access:AllowAnonymousPublicReads", ex.Message, StringComparison.Ordinal);
    }

    private static async Task BuildAsync(Dictionary<string, string?> settings)
    {
        await using var app = await BuildAppAsync(settings);
    }

    private static async Task<Concord.Access.AccessOptions> AccessOptionsAsync(Dictionary<string, string?> settings)
    {
        await using var app = await BuildAppAsync(settings);
        return app.Services.GetRequiredService<IOptions<Concord.Access.AccessOptions>>().Value;
    }

    private static Task<Microsoft.AspNetCore.Builder.WebApplication> BuildAppAsync(Dictionary<string, string?> settings)
    {
        settings["Concord:Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N"));
        settings["Concord:Demo:Enabled"] = "false";
        return ConcordApp.BuildAsync(b => b.Configuration.AddInMemoryCollection(settings), TestContext.Current.CancellationToken);
    }
}
