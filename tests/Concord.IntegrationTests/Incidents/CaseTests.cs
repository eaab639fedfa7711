using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.IntegrationTests.Host;
using static Concord.IntegrationTests.Incidents.CaseWorld;

namespace Concord.IntegrationTests.Incidents;

/// <summary>
/// Cases over real HTTP on both stores: opened, listed and read by the owner and its participants only; the contribution
/// rule when the owner changes who a case is shared with; TLP:RED contributions; notifications and audit entries.
/// </summary>
public class CaseTests(CaseWorlds worlds) : IClassFixture<CaseWorlds>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Case_OpenedWithAParticipant_IsListedAndReadByOwnerAndParticipant_AndMissingForOthers(Store store)
    {
        var world = await worlds.ForAsync(store);
        var id = await world.OpenAsync("Ministry phishing", "amber", Harbour);

        var view = (await world.CaseAsync(Harbour, id))!.Value;
        var header = view.GetProperty("case");
        Assert.False(view.GetProperty("former").GetBoolean());
        Assert.Equal("Ministry phishing", header.GetProperty("title").GetString());
        Assert.Equal("fraud:phishing", header.GetProperty("category").GetString());
        Assert.Equal("Fraud: Phishing", header.GetProperty("categoryName").GetString());
        Assert.Equal("high", header.GetProperty("severity").GetString());
        Assert.Equal("new", header.GetProperty("status").GetString());
        Assert.Equal("AMBER", header.GetProperty("tlp").GetString());
        Assert.Equal(["EE", "LV"], header.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(Lagoon, header.GetProperty("owner").GetProperty("name").GetString());
        Assert.Equal([Harbour], header.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(["Case opened.", $"Shared with {Harbour}."], Texts(view, "timeline"));
        Assert.Empty(view.GetProperty("requests").EnumerateArray());
        Assert.NotNull(await world.ListedAsync(Lagoon, id));
        Assert.NotNull(await world.ListedAsync(Harbour, id));

        // Delta may not read it: not listed, and its page answers exactly as a case that does not exist.
        Assert.Null(await world.ListedAsync(Delta, id));
        var delta = await world.Analyst(Delta);
        using var hidden = await delta.GetAsync($"/api/v1/cases/{id}", Ct);
        using var missing = await delta.GetAsync($"/api/v1/cases/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(Scrub(await missing.Content.ReadAsStringAsync(Ct)), Scrub(await hidden.Content.ReadAsStringAsync(Ct)));
        using var comment = await delta.PostAsJsonAsync($"/api/v1/cases/{id}/comments", new { text = "let me in" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, comment.StatusCode);

        // Filters: status and category class.
        var lagoon = await world.Analyst(Lagoon);
        Assert.Contains(id, (await lagoon.GetFromJsonAsync<JsonElement>("/api/v1/cases?status=new&category=fraud", Ct)).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(id, (await lagoon.GetFromJsonAsync<JsonElement>("/api/v1/cases?status=closed", Ct)).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        await ProblemAssert.IsProblemAsync(await lagoon.GetAsync("/api/v1/cases?status=sleeping", Ct), HttpStatusCode.BadRequest, "unknown-status");

        // Only the owner changes the case; a participant is refused, the status change is on the timeline.
        using var byParticipant = await (await world.Analyst(Harbour)).PatchAsJsonAsync($"/api/v1/cases/{id}", new { status = "closed" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, byParticipant.StatusCode);
        using var byOwner = await lagoon.PatchAsJsonAsync($"/api/v1/cases/{id}", new { status = "investigating" }, Ct);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Contains("Status: new → investigating.", Texts((await world.CaseAsync(Harbour, id))!.Value, "timeline"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Sharing_RemovedParticipantKeepsOnlyItsOwn_OthersKeepItUntilWithdrawn_NewParticipantReadsTheHistory(Store store)
    {
        var world = await worlds.ForAsync(store);
        var id = await world.OpenAsync("Wiper in the grid", "amber", Harbour, Delta);
        await world.CommentAsync(Harbour, id, "Harbour saw the wiper on two substations.");
        var deltas = await world.CommentAsync(Delta, id, "Delta blocked the C2 at the border.");

        await world.ShareAsync(id, Harbour);

        // Delta is a former participant: no case header, nothing but what it wrote.
        var delta = (await world.CaseAsync(Delta, id))!.Value;
        Assert.True(delta.GetProperty("former").GetBoolean());
        Assert.Equal(JsonValueKind.Null, delta.GetProperty("case").ValueKind);
        Assert.Equal(["Delta blocked the C2 at the border."], Texts(delta, "comments"));
        Assert.Empty(delta.GetProperty("timeline").EnumerateArray());
        Assert.Null(await world.ListedAsync(Delta, id));

        // The remaining participant keeps what Delta wrote, attributed to Delta.
        var harbour = (await world.CaseAsync(Harbour, id))!.Value;
        Assert.Equal(["Harbour saw the wiper on two substations.", "Delta blocked the C2 at the border."], Texts(harbour, "comments"));
        Assert.Equal(Delta, harbour.GetProperty("comments")[1].GetProperty("meta").GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(2, (await world.ListedAsync(Harbour, id))!.Value.GetProperty("comments").GetInt32());

        // Its author withdraws it: gone for everyone else, still its author's (marked withdrawn).
        using (var foreign = await (await world.Analyst(Harbour)).PostAsync($"/api/v1/cases/{id}/contributions/{deltas}/withdraw", null, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }

        using (var withdrawn = await (await world.Analyst(Delta)).PostAsync($"/api/v1/cases/{id}/contributions/{deltas}/withdraw", null, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        }

        Assert.Equal(["Harbour saw the wiper on two substations."], Texts((await world.CaseAsync(Harbour, id))!.Value, "comments"));
        Assert.Equal(["Harbour saw the wiper on two substations."], Texts((await world.CaseAsync(Lagoon, id))!.Value, "comments"));
        Assert.Equal(1, (await world.ListedAsync(Harbour, id))!.Value.GetProperty("comments").GetInt32());
        var mine = (await world.CaseAsync(Delta, id))!.Value.GetProperty("comments");
        Assert.True(mine[0].GetProperty("meta").GetProperty("withdrawn").GetBoolean());

        // A participant added later reads the case's history as the others do.
        await world.ShareAsync(id, Harbour, Outsider);
        Assert.Equal(["Harbour saw the wiper on two substations."], Texts((await world.CaseAsync(Outsider, id))!.Value, "comments"));

        // The change feed followed: opened, contributions, the narrowing when Delta left and when its comment was withdrawn.
        var kinds = (await ChangesAsync(world, id)).Select(c => c.Kind.ToString()).ToList();
        Assert.Equal("Created", kinds[0]);
        Assert.Equal(2, kinds.Count(k => k == "Narrowed"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RedComment_IsReadOnlyByTheOrganisationsItNames_AndCountedOnlyForThem(Store store)
    {
        var world = await worlds.ForAsync(store);
        var id = await world.OpenAsync("Insider at a CA", "amber", Harbour, Delta);
        await world.CommentAsync(Harbour, id, "Open note for all participants.");
        await world.CommentAsync(Harbour, id, "The insider's name is in our report.", "red", Lagoon);

        var lagoon = (await world.CaseAsync(Lagoon, id))!.Value;
        var delta = (await world.CaseAsync(Delta, id))!.Value;
        Assert.Equal(2, lagoon.GetProperty("comments").GetArrayLength());
        Assert.Equal("RED", lagoon.GetProperty("comments")[1].GetProperty("meta").GetProperty("tlp").GetString());
        Assert.Equal([Harbour, Lagoon], lagoon.GetProperty("comments")[1].GetProperty("meta").GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(["Open note for all participants."], Texts(delta, "comments"));
        Assert.Equal(1, (await world.ListedAsync(Delta, id))!.Value.GetProperty("comments").GetInt32());
        Assert.Equal(2, (await world.ListedAsync(Lagoon, id))!.Value.GetProperty("comments").GetInt32());
        Assert.DoesNotContain("insider's name", (await (await world.Analyst(Delta)).GetStringAsync($"/api/v1/cases/{id}/stix", Ct)), StringComparison.Ordinal);

        // RED names its readers, among the case's organisations; only RED names any; nothing is stored when refused.
        var harbour = await world.Analyst(Harbour);
        var noNames = await ProblemAssert.IsProblemAsync(await harbour.PostAsJsonAsync($"/api/v1/cases/{id}/comments", new { text = "x", tlp = "red" }, Ct), HttpStatusCode.BadRequest, "audience-required");
        Assert.Equal("recipients", noNames.GetProperty("field").GetString());
        var outsider = await ProblemAssert.IsProblemAsync(
            await harbour.PostAsJsonAsync($"/api/v1/cases/{id}/comments", new { text = "x", tlp = "red", recipients = new[] { world.Id(Outsider) } }, Ct), HttpStatusCode.BadRequest, "not-a-participant");
        Assert.Equal("recipients[0]", outsider.GetProperty("field").GetString());
        var looser = await ProblemAssert.IsProblemAsync(await harbour.PostAsJsonAsync($"/api/v1/cases/{id}/comments", new { text = "x", tlp = "green" }, Ct), HttpStatusCode.BadRequest, "looser-than-case");
        Assert.Equal("tlp", looser.GetProperty("field").GetString());
        Assert.Equal(2, (await world.CaseAsync(Harbour, id))!.Value.GetProperty("comments").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BadInput_NamesTheField_AndChangesNothing(Store store)
    {
        var world = await worlds.ForAsync(store);
        var lagoon = await world.Analyst(Lagoon);
        var before = (await lagoon.GetFromJsonAsync<JsonElement>("/api/v1/cases", Ct)).GetArrayLength();

        async Task RefusedAsync(object draft, string field, string rule)
        {
            var problem = await ProblemAssert.IsProblemAsync(await lagoon.PostAsJsonAsync("/api/v1/cases", draft, Ct), HttpStatusCode.BadRequest, rule);
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }

        await RefusedAsync(new { title = "x", category = "fraud:teleportation" }, "category", "unknown-category");
        await RefusedAsync(new { title = "", category = "fraud:phishing" }, "title", "required");
        await RefusedAsync(new { title = "x", category = "fraud:phishing", countries = new[] { "EE", "XX" } }, "countries[1]", "unknown-country");
        await RefusedAsync(new { title = "x", category = "fraud:phishing", sectors = new[] { "bakeries" } }, "sectors[0]", "unknown-sector");
        await RefusedAsync(new { title = "x", category = "fraud:phishing", severity = "apocalyptic" }, "severity", "unknown-severity");
        await RefusedAsync(new { title = "x", category = "fraud:phishing", participants = new[] { Guid.NewGuid() } }, "participants[0]", "unknown-organisation");
        Assert.Equal(before, (await lagoon.GetFromJsonAsync<JsonElement>("/api/v1/cases", Ct)).GetArrayLength());

        var id = await world.OpenAsync("Bad input target", "amber", Harbour);
        var yesterday = DateOnly.FromDateTime(world.Node.Time.GetUtcNow().UtcDateTime).AddDays(-1);
        var past = await ProblemAssert.IsProblemAsync(
            await lagoon.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = "Patch", assignee = world.Id(Harbour), due = yesterday }, Ct), HttpStatusCode.BadRequest, "in-the-past");
        Assert.Equal("due", past.GetProperty("field").GetString());
        var stranger = await ProblemAssert.IsProblemAsync(
            await lagoon.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = "Patch", assignee = world.Id(Delta), due = yesterday.AddDays(5) }, Ct), HttpStatusCode.BadRequest, "not-a-participant");
        Assert.Equal("assignee", stranger.GetProperty("field").GetString());
        var link = await ProblemAssert.IsProblemAsync(
            await lagoon.PostAsJsonAsync($"/api/v1/cases/{id}/observables", new { value = "198.51.100.9", intelObjectId = $"indicator--{Guid.NewGuid()}" }, Ct), HttpStatusCode.BadRequest, "unknown-object");
        Assert.Equal("intelObjectId", link.GetProperty("field").GetString());
        var update = await ProblemAssert.IsProblemAsync(await lagoon.PatchAsJsonAsync($"/api/v1/cases/{id}", new { title = "renamed", category = "nope" }, Ct), HttpStatusCode.BadRequest, "unknown-category");
        Assert.Equal("category", update.GetProperty("field").GetString());

        var view = (await world.CaseAsync(Lagoon, id))!.Value;
        Assert.Empty(view.GetProperty("tasks").EnumerateArray());
        Assert.Empty(view.GetProperty("observables").EnumerateArray());
        Assert.Equal("Bad input target", view.GetProperty("case").GetProperty("title").GetString());

        // A task due today or later, assigned to the participant, which marks it done.
        using var task = await lagoon.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = "Patch the VPN", assignee = world.Id(Harbour), due = yesterday.AddDays(1) }, Ct);
        Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        var taskId = (await task.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("meta").GetProperty("id").GetGuid();
        using var done = await (await world.Analyst(Harbour)).PatchAsJsonAsync($"/api/v1/cases/{id}/tasks/{taskId}", new { done = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.True((await done.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("done").GetBoolean());
        Assert.Equal(0, (await world.ListedAsync(Lagoon, id))!.Value.GetProperty("openTasks").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Sharing_TellsTheNewParticipantsOnly_AndEveryWriteIsAudited(Store store)
    {
        var world = await worlds.ForAsync(store);
        var id = await world.OpenAsync("Told on share", "amber", Harbour);
        await world.FanOutAsync();
        Assert.Single(await SharedNoticesAsync(world, Harbour, id));
        Assert.Empty(await SharedNoticesAsync(world, Delta, id));

        await world.ShareAsync(id, Harbour, Delta);
        await world.FanOutAsync();
        var told = Assert.Single(await SharedNoticesAsync(world, Delta, id));
        Assert.Contains("Told on share", told.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Single(await SharedNoticesAsync(world, Harbour, id));
        Assert.Empty(await SharedNoticesAsync(world, Outsider, id));

        var comment = await world.CommentAsync(Harbour, id, "audited");
        var audit = await Teams.TeamPeopleTests.TableTextAsync(world.Node, "access_audit");
        Assert.Contains("case.open", audit, StringComparison.Ordinal);
        Assert.Contains("case.share", audit, StringComparison.Ordinal);
        Assert.Contains(comment.ToString(), audit, StringComparison.Ordinal);
        Assert.DoesNotContain("|audited|", audit, StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> SharedNoticesAsync(CaseWorld world, string organisation, Guid caseId)
    {
        var inbox = await (await world.Analyst(organisation)).GetFromJsonAsync<JsonElement>("/api/v1/me/notifications?limit=200", Ct);
        return [.. inbox.EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "case-shared" && n.GetProperty("link").GetString() == $"/cases/{caseId}")];
    }

    internal static async Task<List<Concord.Platform.Feeds.FeedChange>> ChangesAsync(CaseWorld world, Guid caseId)
    {
        await using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(world.Node.Services);
        var feed = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetServices<Concord.Platform.Feeds.IChangeFeed>(scope.ServiceProvider).Single(f => f.Module == "incidents");
        return [.. (await feed.ReadAsync(0, 10_000, Ct)).Where(c => c.RecordId == $"incident--{caseId}")];
    }

    /// <summary>The body without what differs between any two requests: the trace id and the case id asked for.</summary>
    private static string Scrub(string body) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", ""), "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
}
