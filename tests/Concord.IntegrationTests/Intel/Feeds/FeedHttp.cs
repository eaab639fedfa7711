using System.Net;
using System.Text.Json;
using Concord.IntegrationTests.Access;

namespace Concord.IntegrationTests.Intel.Feeds;

/// <summary>Feeds over REST, as an administrator drives them. Test feeds are disabled: only "run now" runs them.</summary>
internal static class FeedHttp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Dictionary<string, string?> AllowLoopback => new() { ["Concord:Outbound:AllowedHosts"] = "127.0.0.1" };

    public static async Task<Guid> CreateFeedAsync(this HttpClient client, object body)
    {
        using var response = await client.PostJsonAsync("/api/v1/feeds", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    public static object Misp(string source, string name = "infoblox") =>
        new { name, kind = "misp", source, tlp = "clear", scope = "alliance", interval_minutes = 60, enabled = false };

    /// <summary>Runs the feed now and answers its last run.</summary>
    public static async Task<JsonElement> RunFeedAsync(this HttpClient client, Guid id)
    {
        // A whole feed's import can outlast HttpClient's default 100 s on a busy machine: the same caller, a longer wait.
        using var patient = new HttpClient { BaseAddress = client.BaseAddress, Timeout = TimeSpan.FromMinutes(15) };
        patient.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        using var response = await patient.PostAsync($"/api/v1/feeds/{id}/run", null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("last_run");
    }

    public static int Int(this JsonElement run, string name) => run.GetProperty(name).GetInt32();

    public static long Long(this JsonElement run, string name) => run.GetProperty(name).GetInt64();
}
