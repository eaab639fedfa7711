using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;

namespace Concord.IntegrationTests.Intel.Feeds;

/// <summary>Who may manage feeds, where a feed may point, and the SSRF guard on its URL.</summary>
public class FeedAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FeedUrl_AtALoopbackAddress_IsRefusedByTheGuard_WithAClearError(Store store)
    {
        await using var server = await FeedServer.StartAsync(Path.GetTempFileName());
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var id = await admin.CreateFeedAsync(FeedHttp.Misp(server.Url()));

        var run = await admin.RunFeedAsync(id);

        Assert.Contains("refused", run.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0L, run.Long("stored"));
        Assert.Empty(server.Requests);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task OnlyAdmins_ManageFeeds_OtherOrganisationsFeedsAreMissing_AndFoldersAreForNodeAdmins(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var id = await alpha.CreateFeedAsync(FeedHttp.Misp("https://feeds.example/misp/"));

        var analyst = await alliance.ClientAsync("Alpha", Role.Analyst);
        using (var refused = await analyst.GetAsync("/api/v1/feeds", Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var bravo = await alliance.ClientAsync("Bravo", Role.OrgAdmin);
        using (var missing = await bravo.PostAsync($"/api/v1/feeds/{id}/run", null, Ct))
        {
            await missing.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        }

        using (var list = await bravo.GetAsync("/api/v1/feeds", Ct))
        {
            Assert.Equal(0, (await list.JsonAsync()).GetProperty("feeds").GetArrayLength());
        }

        using (var folder = await alpha.PostJsonAsync("/api/v1/feeds", FeedHttp.Misp(Path.GetTempPath(), "local")))
        {
            await folder.AssertProblemAsync(HttpStatusCode.BadRequest, "feed-source-local");
        }

        using (var wide = await alpha.PostJsonAsync("/api/v1/feeds", new { name = "x", kind = "text", source = "https://x.example/l.txt", tlp = "amber", scope = "alliance", interval_minutes = 60 }))
        {
            await wide.AssertProblemAsync(HttpStatusCode.BadRequest, "scope-wider-than-tlp");
        }

        var nodeAdmin = await alliance.ClientAsync("Bravo", Role.NodeAdmin);
        using var all = await nodeAdmin.GetAsync("/api/v1/feeds", Ct);
        Assert.Equal(1, (await all.JsonAsync()).GetProperty("feeds").GetArrayLength());
    }
}
