using System.Net;
using Concord.Stix;
using Concord.Taxii.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Concord.IntegrationTests.Intel.Bundles;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Taxii;

/// <summary>T 4.3: a status is kept for the configured retention (at least 24 hours), then purged in the background.</summary>
public class StatusRetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Status_IsServedForTheRetention_ThenTheBackgroundPurgeDeletesItAndOnlyIt(Store store)
    {
        await using var h = await StartAsync(store, new Dictionary<string, string?>
        {
            ["Concord:Taxii:StatusRetention"] = "1.00:00:00",
            ["Concord:Taxii:StatusPurgeInterval"] = "00:10:00",
        });
        var client = await h.ClientAsync("Alpha");
        var old = await PostAsync(client);
        h.Node.Time.Advance(TimeSpan.FromHours(23));
        var young = await PostAsync(client);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Root + $"status/{old}/", Ct)).StatusCode);
        Assert.Equal(2, await CountAsync(h));

        h.Node.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(10));
        await WaitUntilAsync(async () => await CountAsync(h) == 1);

        await AssertErrorAsync(await client.GetAsync(Root + $"status/{old}/", Ct), 404);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Root + $"status/{young}/", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("12:00:00")]
    [InlineData("0.00:00:00")]
    public async Task Retention_ShorterThanOneDay_IsRefusedAtStart(string retention)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => TestNode.StartAsync(Store.Sqlite, new Dictionary<string, string?>
        {
            ["Concord:Taxii:StatusRetention"] = retention,
        }));

        Assert.Contains("StatusRetention", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<string> PostAsync(HttpClient client)
    {
        using var response = await client.PostAsync(Alliance + "objects/", Envelope(Indicator(tlp: Tlp.Green)), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await JsonAsync(response))["id"]!.GetValue<string>();
    }

    private static async Task<int> CountAsync(TaxiiHarness h)
    {
        await using var scope = h.Node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaxiiDbContext>().Statuses.CountAsync(Ct);
    }

    /// <summary>The purge runs on the service's own thread once the fake clock passes its interval: wait for its effect.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 600 && !await condition(); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(await condition(), "the background purge did not run");
    }
}
