using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;

namespace Concord.IntegrationTests.Sightings;

/// <summary>
/// Anonymous hit alerts, as a leak matrix: an alert reaches the opted-in owner organisation only, names neither the
/// reporter nor its object, and the reporter's responses are the same whether or not an owner opted in.
/// </summary>
public class AlertTests
{
    private const string Hit = "198.51.100.7";
    private const string Miss = "203.0.113.9";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Alert_ReachesTheOptedInOwnerOnly_AndNamesNeitherTheReporterNorItsObject(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Owner", "Reporter", "Other");
        var owner = await alliance.ClientAsync("Owner", Role.Analyst);
        var reporter = await alliance.ClientAsync("Reporter", Role.Analyst);
        await OptInAsync(alliance, "Owner");
        var amber = SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}']");
        var green = SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Miss}']");
        await owner.ImportAsync(amber, "tlp=amber&scope=owner");
        await owner.ImportAsync(green, "tlp=green&scope=alliance");

        // The owner's own re-report and a GREEN object's value alert nobody; then the reporter's hit.
        await owner.ImportAsync(SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}']"), "tlp=green");
        var reported = SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}'] OR [ipv4-addr:value = '{Miss}']");
        await reporter.ImportAsync(reported, "tlp=green&scope=alliance");

        var alerts = await WaitForAlertsAsync(await alliance.ClientAsync("Owner", Role.ReadOnly), 1);
        var alert = Assert.Single(alerts.EnumerateArray());
        Assert.Equal(Hit, alert.GetProperty("value").GetString());
        Assert.Equal("ipv4-addr", alert.GetProperty("kind").GetString());
        Assert.Equal(amber.Id(), alert.GetProperty("object").GetString());
        Assert.Equal("another member", alert.GetProperty("reported_by").GetString());
        var text = alerts.GetRawText();
        Assert.DoesNotContain(alliance.OrgId("Reporter").ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(reported.Id(), text, StringComparison.Ordinal);

        var readers = new Dictionary<string, HttpClient>
        {
            ["reporter"] = await alliance.ClientAsync("Reporter", Role.OrgAdmin),
            ["other"] = await alliance.ClientAsync("Other", Role.ReadOnly),
            ["node admin"] = await alliance.ClientAsync("Other", Role.NodeAdmin),
        };
        foreach (var (name, client) in readers)
        {
            Assert.True((await AlertsAsync(client)).GetArrayLength() == 0, $"{name} was shown an alert");
        }

        using var anonymous = await alliance.Anonymous().GetAsync("/api/v1/alerts", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Reporter_IsAnsweredTheSame_WhetherOrNotTheOwnerOptedIn(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Owner", "Reporter");
        var owner = await alliance.ClientAsync("Owner", Role.Analyst);
        var reporter = await alliance.ClientAsync("Reporter", Role.Analyst);
        await owner.ImportAsync(SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}']"), "tlp=amber%2Bstrict&scope=owner");

        var own = new HashSet<string>();
        async Task<string[]> ReportAsync()
        {
            var indicator = SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}']");
            own.Add(indicator.Id());
            using var imported = await reporter.ImportAsync(Bundles.Bundle(indicator), "tlp=green&scope=alliance");
            using var read = await reporter.GetAsync($"/api/v1/objects/{indicator.Id()}", Ct);
            var readBody = (await IntelHttp.JsonAsync(read)).GetProperty("score").GetRawText();
            using var lookup = await reporter.GetAsync($"/api/v1/correlation?value={Hit}", Ct);
            using var alerts = await reporter.GetAsync("/api/v1/alerts", Ct);
            return [
                $"{(int)imported.StatusCode} {await imported.Content.ReadAsStringAsync(Ct)}",
                readBody,
                $"{(int)lookup.StatusCode} {string.Join(",", ObjectIds(await IntelHttp.JsonAsync(lookup)).Where(id => !own.Contains(id)))}",
                $"{(int)alerts.StatusCode} {await alerts.Content.ReadAsStringAsync(Ct)}",
            ];
        }

        var before = await ReportAsync();
        await OptInAsync(alliance, "Owner");
        var after = await ReportAsync();

        Assert.Single((await WaitForAlertsAsync(owner, 1)).EnumerateArray());
        Assert.Equal(before, after);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Alert_NeverCoversTheOwnersTlpRedObjects(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Owner", "Reporter");
        var owner = await alliance.ClientAsync("Owner", Role.Analyst);
        await OptInAsync(alliance, "Owner");
        var red = SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}']");
        var amber = SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Miss}']");
        await owner.ImportAsync(red, "tlp=red&scope=owner");
        await owner.ImportAsync(amber, "tlp=amber&scope=owner");

        // One reported object holding both values: both are examined in the same pass.
        var reported = SightingHttp.Indicator(100, pattern: $"[ipv4-addr:value = '{Hit}'] OR [ipv4-addr:value = '{Miss}']");
        await (await alliance.ClientAsync("Reporter", Role.Analyst)).ImportAsync(reported, "tlp=green&scope=alliance");

        var alert = Assert.Single((await WaitForAlertsAsync(owner, 1)).EnumerateArray());
        Assert.Equal((Miss, amber.Id()), (alert.GetProperty("value").GetString(), alert.GetProperty("object").GetString()));

        // The time is to the hour: an exact date_added would match the reporter's other objects of the same import.
        var at = alert.GetProperty("reported_at").GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, at.TimeOfDay - TimeSpan.FromHours(at.Hour));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Settings_OnlyAnOrganisationAdministratorMayOptIn(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Owner");
        using var analyst = await (await alliance.ClientAsync("Owner", Role.Analyst)).PutAsJsonAsync("/api/v1/alerts/settings", new { enabled = true }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
        var readOnly = await alliance.ClientAsync("Owner", Role.ReadOnly);
        Assert.False((await IntelHttp.JsonAsync(await readOnly.GetAsync("/api/v1/alerts/settings", Ct))).GetProperty("enabled").GetBoolean());

        await OptInAsync(alliance, "Owner");
        Assert.True((await IntelHttp.JsonAsync(await readOnly.GetAsync("/api/v1/alerts/settings", Ct))).GetProperty("enabled").GetBoolean());
        using var missing = await (await alliance.ClientAsync("Owner", Role.OrgAdmin)).PutAsJsonAsync("/api/v1/alerts/settings", new { }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    /// <summary>Every object id anywhere in a correlation answer (the reporter's own objects are the only ones it may see here).</summary>
    private static IEnumerable<string> ObjectIds(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "id" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : ObjectIds(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(ObjectIds),
        _ => [],
    };

    private static async Task OptInAsync(TestAlliance alliance, string organisation)
    {
        using var response = await (await alliance.ClientAsync(organisation, Role.OrgAdmin)).PutAsJsonAsync("/api/v1/alerts/settings", new { enabled = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> AlertsAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/alerts", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await IntelHttp.JsonAsync(response)).GetProperty("alerts");
    }

    /// <summary>Detection runs in the background after the import commits: wait (bounded) for it to deliver.</summary>
    private static async Task<JsonElement> WaitForAlertsAsync(HttpClient client, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var alerts = await AlertsAsync(client);
            if (alerts.GetArrayLength() >= count || attempt == 600)
            {
                return alerts;
            }

            await Task.Delay(50, Ct);
        }
    }
}
