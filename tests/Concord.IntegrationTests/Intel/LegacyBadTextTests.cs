using System.Net;
using System.Text;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Taxii;
using Concord.Intel.Data;
using Concord.Platform;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.IntegrationTests.Intel;

/// <summary>
/// An object stored before the parser refused unpaired surrogates (here: put into the store directly) is repaired at the
/// next start (each such escape becomes \ufffd, nothing else changes) and then served on every read path: never a 500.
/// </summary>
public class LegacyBadTextTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task StoredObjectWithAnUnpairedSurrogate_IsRepairedAtStart_AndServedOnEveryPath(Store store)
    {
        await using var first = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(first, "Alpha");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var indicator = Bundles.Indicator(tlp: Tlp.Green, name: "legacy NAMEMARK", description: "legacy DESCMARK");
        indicator["x_legacy"] = "CUSTOMMARK";
        indicator["x_keymark"] = 1;
        var id = indicator["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await alpha.ImportAsync(Bundles.Bundle(indicator))).StatusCode);
        string legacy;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();
            var row = await db.Objects.SingleAsync(o => o.StixId == id, Ct);
            legacy = Encoding.UTF8.GetString(row.Json)
                .Replace("NAMEMARK", "\\ud800", StringComparison.Ordinal).Replace("DESCMARK", "\\udc00 \\ud83d\\ude00", StringComparison.Ordinal)
                .Replace("CUSTOMMARK", "\\ud83d", StringComparison.Ordinal).Replace("keymark", "\\udfff", StringComparison.Ordinal);
            row.Json = Encoding.UTF8.GetBytes(legacy);
            db.FollowerMarks.Add(new FollowerMark { Name = "text.surrogates" });
            await db.SaveChangesAsync(Ct);
        }

        var storage = first.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?>
        {
            ["Concord:Storage:DataDirectory"] = storage.DataDirectory,
            ["Concord:Storage:ConnectionString"] = storage.ConnectionString,
        });
        using var restarted = node.CreateClient();
        restarted.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await alliance.ApiKeyAsync("Alpha", Role.Analyst));
        await using (var scope = node.Services.CreateAsyncScope())
        {
            var stored = Encoding.UTF8.GetString((await scope.ServiceProvider.GetRequiredService<IntelDbContext>().Objects.SingleAsync(o => o.StixId == id, Ct)).Json);
            var expected = legacy.Replace("\\ud800", "\\ufffd", StringComparison.Ordinal).Replace("\\udc00", "\\ufffd", StringComparison.Ordinal)
                .Replace("\\ud83d\"", "\\ufffd\"", StringComparison.Ordinal).Replace("\\udfff", "\\ufffd", StringComparison.Ordinal);
            Assert.Equal(expected, stored);
            Assert.Contains("\\ud83d\\ude00", stored, StringComparison.Ordinal);
        }

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = node.BaseAddress };
        await browser.PostJsonAsync("/api/v1/auth/login", new { userName = TestAlliance.UserName("Alpha", Role.Analyst), password = TestAlliance.Password });
        var failures = new List<string>();
        foreach (var (client, url) in new[]
                 {
                     (restarted, $"/api/v1/objects/{id}"), (restarted, "/api/v1/objects"), (restarted, $"/api/v1/objects/{id}/versions"),
                     (restarted, $"/api/v1/objects/{id}/correlations"), (restarted, "/api/v1/correlation?value=198.51.100.7"),
                     (restarted, "/api/v1/objects?q=legacy"), (TaxiiHarness.Accept(restarted), TaxiiHarness.All + "objects/"), (restarted, TaxiiHarness.All + "manifest/"),
                     (browser, $"/intel/objects/{id}"), (browser, "/intel"), (browser, "/intel?q=legacy"), (browser, "/"),
                 })
        {
            using var response = await client.GetAsync(url, Ct);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{url}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
    }
}
