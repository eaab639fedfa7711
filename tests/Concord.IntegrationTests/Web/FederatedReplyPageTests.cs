using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Federation;
using Concord.Intel;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Taxii;
using Concord.Stix;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>
/// On an indicator another node's organisation owns, the sighting form and a new note about it start shared back with
/// that owner alone (TLP:AMBER to it), so what a member reports reaches the owner's node and nobody else's. And a member
/// asks the connected nodes about a value from the lookup page, and sees which node holds it in which record.
/// </summary>
public class FederatedReplyPageTests(Browser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SightingAndNote_AboutAnotherNodesIndicator_StartSharedWithItsOwnerAlone()
    {
        await using var a = await TaxiiHarness.StartAsync(Store.Sqlite, FederationNodes.Settings("node-a"), "Alpha");
        await using var b = await TaxiiHarness.StartAsync(Store.Sqlite, FederationNodes.Settings("node-b"), "Bravo", "Beta");
        var (aOnB, _) = await FederationNodes.ConnectAsync(a, b, Ct);
        var indicator = Bundles.Indicator(name: "Alpha's shared indicator", tlp: Tlp.Green);
        var own = Bundles.Indicator(name: "Bravo's own indicator", tlp: Tlp.Green);
        await a.SeedAsync("Alpha", new ImportOptions { Scope = Scope.ConnectedNodes }, indicator);
        await b.SeedAsync("Bravo", new ImportOptions { Scope = Scope.Alliance }, own);
        Assert.Null((await FederationNodes.SyncAsync(b, aOnB, Ct)).Error);
        var id = (string)indicator["id"]!;

        await using var web = await browser.OpenAsync(b.Node);
        await web.SignInAsAsync(b.Members, "Bravo", Role.Analyst);

        // The sighting form offers the owner first; this node's own indicator does not offer it.
        await web.Page.GotoAsync($"/intel/objects/{id}");
        var shared = web.Page.GetByLabel("Shared with", new() { Exact = true });
        await Assertions.Expect(shared).ToHaveValueAsync("owner-of-indicator");
        await Assertions.Expect(shared.Locator("option:checked")).ToHaveTextAsync("Back to its owner only (Alpha (node-a))");
        await Assertions.Expect(web.Page.GetByLabel("TLP of your report")).ToHaveValueAsync("amber");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await web.Page.WaitForURLAsync("**recorded=sighting");

        await web.Page.GotoAsync($"/intel/objects/{own["id"]}");
        await Assertions.Expect(web.Page.GetByLabel("Shared with", new() { Exact = true }).Locator("option[value=owner-of-indicator]")).ToHaveCountAsync(0);

        // A new note about it: named recipients, the owner chosen, TLP:AMBER.
        await web.Page.GotoAsync($"/intel/new/note?about={id}");
        await Assertions.Expect(web.Page.GetByLabel("Shared with", new() { Exact = true })).ToHaveValueAsync("recipients");
        await Assertions.Expect(web.Page.GetByLabel("TLP", new() { Exact = true })).ToHaveValueAsync("amber");
        await Assertions.Expect(web.Page.Locator("#recipients option:checked")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Alpha \\(node-a\\)"));
        await web.Page.GetByLabel("Note", new() { Exact = true }).FillAsync("Seen at our border too.");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Create note" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/intel/objects/note--*");
        var noteId = web.Page.Url[(web.Page.Url.IndexOf("note--", StringComparison.Ordinal))..].Split('?')[0];

        var bravo = await b.Members.ClientAsync("Bravo", Role.Analyst);
        var note = await bravo.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{noteId}", Ct);
        Assert.Equal(("AMBER", "recipients"), ((string?)note!["tlp"], (string?)note["scope"]));
        var sightings = await bravo.GetFromJsonAsync<JsonObject>($"/api/v1/objects/{id}/sightings", Ct);
        var sighting = sightings!["sightings"]!.AsArray().Single();
        Assert.Equal(("AMBER", "recipients"), ((string?)sighting!["tlp"], (string?)sighting["scope"]));

        // Asking the connected nodes: A holds the indicator's value; nobody holds the other.
        await SetSecretAsync(a);
        await SetSecretAsync(b);
        await web.Page.GotoAsync("/lookup");
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "ask connected nodes" }).ClickAsync();
        await web.Page.GetByLabel("Values, one per line").FillAsync("198.51.100.7\n203.0.113.250");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        var answers = web.Page.GetByRole(AriaRole.Table, new() { Name = "Answers of the connected nodes" });
        await Assertions.Expect(answers.GetByRole(AriaRole.Row).Filter(new() { HasText = "198.51.100.7" })).ToContainTextAsync($"node-a");
        await Assertions.Expect(answers.GetByRole(AriaRole.Row).Filter(new() { HasText = "198.51.100.7" })).ToContainTextAsync(id);
        await Assertions.Expect(answers.GetByRole(AriaRole.Row).Filter(new() { HasText = "203.0.113.250" })).ToContainTextAsync("Not held by any node that answered");
        await Assertions.Expect(web.Page.Locator("#nodes-asked")).ToHaveTextAsync("Asked node-a.");

        // Beta, on the same node, reads neither.
        var beta = await b.Members.ClientAsync("Beta", Role.Analyst);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await beta.GetAsync($"/api/v1/objects/{noteId}", Ct)).StatusCode);
        Assert.Empty(web.ConsoleErrors);
    }

    /// <summary>Sets the alliance's federation secret on a node and waits (bounded) until its blind index has caught up.</summary>
    private static async Task SetSecretAsync(TaxiiHarness node)
    {
        var admin = await node.Members.ClientAsync(node.Members.Organisations.Keys.First(), Role.NodeAdmin);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/federation/lookups/secret", new { secret = "an-alliance-secret-of-at-least-32-characters" }, Ct)).StatusCode);
        for (var attempt = 0; attempt < 600 && !(bool)(await admin.GetFromJsonAsync<JsonObject>("/api/v1/federation/lookups/secret", Ct))!["ready"]!; attempt++)
        {
            await Task.Delay(50, Ct);
        }
    }
}
