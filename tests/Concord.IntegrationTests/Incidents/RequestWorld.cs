using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Incidents.Features.Requests;
using Microsoft.Extensions.DependencyInjection;
using static Concord.IntegrationTests.Incidents.CaseWorld;

namespace Concord.IntegrationTests.Incidents;

/// <summary>
/// One case world per store for the request tests, whose teams have profiles: Harbour owns 192.0.2.0/24, works Monday to
/// Friday 09:00–17:00 in Tallinn and names its read-only member as its escalation contact; Delta owns 198.51.100.0/24 and
/// never filled in hours. Outsider has a secretariat member.
/// </summary>
public sealed class RequestWorlds : IAsyncDisposable
{
    public const string HarbourNetwork = "192.0.2.0/24";
    public const string DeltaNetwork = "198.51.100.0/24";

    private readonly ConcurrentDictionary<Store, Lazy<Task<CaseWorld>>> _worlds = new();

    public Task<CaseWorld> ForAsync(Store store)
    {
        if (store == Store.Postgres)
        {
            Stores.RequirePostgres();
        }

        return _worlds.GetOrAdd(store, s => new Lazy<Task<CaseWorld>>(() => StartAsync(s))).Value;
    }

    private static async Task<CaseWorld> StartAsync(Store store)
    {
        var world = await CaseWorld.StartAsync(store);
        await world.Alliance.ClientAsync(Harbour, Role.ReadOnly);
        await world.Alliance.ClientAsync(Outsider, Role.Secretariat);
        await ProfileAsync(world, Harbour, new
        {
            name = Harbour, country = "EE", type = "national-cert", networks = new[] { HarbourNetwork },
            businessDays = new[] { "mon", "tue", "wed", "thu", "fri" }, opens = "09:00", closes = "17:00", timeZone = "Europe/Tallinn",
            escalationContacts = new[] { new { name = "Duty officer", email = $"{TestAlliance.UserName(Harbour, Role.ReadOnly)}@harbour-csirt.test" } },
        });
        await ProfileAsync(world, Delta, new { name = Delta, country = "LV", type = "national-cert", networks = new[] { DeltaNetwork }, businessDays = Array.Empty<string>() });
        return world;
    }

    private static async Task ProfileAsync(CaseWorld world, string organisation, object profile)
    {
        using var response = await (await world.Alliance.ClientAsync(organisation, Role.OrgAdmin)).PutAsJsonAsync($"/api/v1/directory/teams/{world.Id(organisation)}", profile, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var world in _worlds.Values.Where(w => w.IsValueCreated && w.Value.IsCompletedSuccessfully))
        {
            await (await world.Value).DisposeAsync();
        }
    }
}

/// <summary>What the request tests do on a world, over REST.</summary>
internal static class Requests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<HttpResponseMessage> AskAsync(CaseWorld world, string organisation, Guid caseId, object draft) =>
        await (await world.Analyst(organisation)).PostAsJsonAsync($"/api/v1/cases/{caseId}/requests", draft, Ct);

    /// <summary>Asks and returns the one request made (one receiver).</summary>
    public static async Task<JsonElement> AskOneAsync(CaseWorld world, string organisation, Guid caseId, object draft)
    {
        using var response = await AskAsync(world, organisation, caseId, draft);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray());
    }

    public static async Task<HttpResponseMessage> ActAsync(CaseWorld world, string organisation, Guid requestId, string action, object? body = null, Role role = Role.Analyst) =>
        await (await world.Alliance.ClientAsync(organisation, role)).PostAsJsonAsync($"/api/v1/requests/{requestId}/{action}", body ?? new { }, Ct);

    public static async Task<HttpResponseMessage> GetAsync(CaseWorld world, string organisation, Guid requestId, Role role = Role.Analyst) =>
        await (await world.Alliance.ClientAsync(organisation, role)).GetAsync($"/api/v1/requests/{requestId}", Ct);

    public static async Task<JsonElement> ReadAsync(CaseWorld world, string organisation, Guid requestId)
    {
        using var response = await GetAsync(world, organisation, requestId);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>The organisation's member's assistance-request notifications about the request.</summary>
    public static async Task<List<JsonElement>> NoticesAsync(CaseWorld world, string organisation, Guid requestId, Role role = Role.Analyst)
    {
        await world.FanOutAsync();
        var inbox = await (await world.Alliance.ClientAsync(organisation, role)).GetFromJsonAsync<JsonElement>("/api/v1/me/notifications?limit=200", Ct);
        return [.. inbox.EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "assistance-request"
            && (n.GetProperty("link").GetString() == $"/requests/{requestId}" || n.GetProperty("text").GetString()!.Contains(requestId.ToString(), StringComparison.Ordinal)
                || n.GetProperty("link").GetString() == "/requests/alliance"))];
    }

    /// <summary>Runs the escalation service's work now, as its background loop would.</summary>
    public static Task EscalateAsync(CaseWorld world) => world.Node.Services.GetRequiredService<EscalationFollower>().CatchUpAsync(CancellationToken.None);
}
