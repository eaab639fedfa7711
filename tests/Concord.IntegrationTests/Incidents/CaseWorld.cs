using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Notifications.Features.FanOut;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Incidents;

/// <summary>
/// One node per store for the case tests (each test opens its own cases): Lagoon CERT owns cases; Harbour CSIRT and Delta
/// CERT take part; Outsider never is asked. Attachments are limited to 4 KiB so the limit is cheap to cross.
/// </summary>
public sealed class CaseWorlds : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Store, Lazy<Task<CaseWorld>>> _worlds = new();

    public Task<CaseWorld> ForAsync(Store store)
    {
        if (store == Store.Postgres)
        {
            Stores.RequirePostgres();
        }

        return _worlds.GetOrAdd(store, s => new Lazy<Task<CaseWorld>>(() => CaseWorld.StartAsync(s))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var world in _worlds.Values.Where(w => w.IsValueCreated && w.Value.IsCompletedSuccessfully))
        {
            await (await world.Value).DisposeAsync();
        }
    }
}

public sealed class CaseWorld : IAsyncDisposable
{
    public const string Lagoon = "Lagoon CERT";
    public const string Harbour = "Harbour CSIRT";
    public const string Delta = "Delta CERT";
    public const string Outsider = "Outsider";
    public const int AttachmentLimit = 4096;

    private CaseWorld(TestNode node, TestAlliance alliance) => (Node, Alliance) = (node, alliance);

    public TestNode Node { get; }

    public TestAlliance Alliance { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<CaseWorld> StartAsync(Store store)
    {
        var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Incidents:MaxAttachmentBytes"] = AttachmentLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var alliance = await TestAlliance.CreateAsync(node, Lagoon, Harbour, Delta, Outsider);
        var world = new CaseWorld(node, alliance);
        foreach (var organisation in new[] { Lagoon, Harbour, Delta, Outsider })
        {
            await world.Analyst(organisation);
        }

        return world;
    }

    public Task<HttpClient> Analyst(string organisation) => Alliance.ClientAsync(organisation, Role.Analyst);

    public Guid Id(string organisation) => Alliance.OrgId(organisation);

    /// <summary>Opens a case as Lagoon's analyst, shared with <paramref name="participants"/>; returns its id.</summary>
    public async Task<Guid> OpenAsync(string title, string tlp = "amber", params string[] participants)
    {
        using var response = await (await Analyst(Lagoon)).PostAsJsonAsync("/api/v1/cases", new
        {
            title, summary = "Phishing wave against ministries", category = "fraud:phishing", severity = "high", tlp, pap = "amber",
            countries = new[] { "EE", "lv" }, sectors = new[] { "public-administration" }, participants = participants.Select(Id).ToArray(),
        }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    public async Task<Guid> CommentAsync(string organisation, Guid caseId, string text, string? tlp = null, params string[] recipients)
    {
        using var response = await (await Analyst(organisation)).PostAsJsonAsync($"/api/v1/cases/{caseId}/comments", new { text, tlp, recipients = recipients.Select(Id).ToArray() }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("meta").GetProperty("id").GetGuid();
    }

    public async Task ShareAsync(Guid caseId, params string[] participants)
    {
        using var response = await (await Analyst(Lagoon)).PutAsJsonAsync($"/api/v1/cases/{caseId}/participants", new { participants = participants.Select(Id).ToArray() }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The case as the organisation's analyst reads it (null when not found).</summary>
    public async Task<JsonElement?> CaseAsync(string organisation, Guid caseId)
    {
        using var response = await (await Analyst(organisation)).GetAsync($"/api/v1/cases/{caseId}", Ct);
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static IReadOnlyList<string> Texts(JsonElement view, string list, string property = "text") =>
        [.. view.GetProperty(list).EnumerateArray().Select(c => c.GetProperty(property).GetString()!)];

    /// <summary>The organisation's summary of the case in its list, or null.</summary>
    public async Task<JsonElement?> ListedAsync(string organisation, Guid caseId)
    {
        var list = await (await Analyst(organisation)).GetFromJsonAsync<JsonElement>("/api/v1/cases", Ct);
        return list.EnumerateArray().Where(c => c.GetProperty("id").GetGuid() == caseId).Select(c => (JsonElement?)c).FirstOrDefault();
    }

    /// <summary>Fans out queued notifications now, as the background service would.</summary>
    public Task FanOutAsync() => Node.Services.GetRequiredService<FanOutFollower>().CatchUpAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Alliance.Dispose();
        await Node.DisposeAsync();
    }
}
