using System.Net;
using System.Net.Http.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The directory page: members search the teams and ask whose a value is; a value that is none gets a clear error.</summary>
public class DirectoryPageTests(Browser browser)
{
    [Fact]
    public async Task Member_AsksWhoseAnAddressIs_SeesTheTeamToCallFirst_AndSearchesByType()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "National", "Energy");
        var profiles = new (string Org, object Body)[]
        {
            ("National", new { name = "National CERT", country = "EE", type = "national-cert", networks = new[] { "198.51.0.0/16" } }),
            ("Energy", new { name = "Energy CSIRT", country = "EE", type = "sectoral-csirt", networks = new[] { "198.51.100.0/24" }, email = "soc@grid.example", emergencyPhone = "+372 600 0001" }),
        };
        foreach (var (org, body) in profiles)
        {
            using var saved = await (await alliance.ClientAsync(org, Role.OrgAdmin)).PutAsJsonAsync($"/api/v1/directory/teams/{alliance.OrgId(org)}", body, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "National", Role.ReadOnly);
        await web.Page.GotoAsync("/");
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Directory" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/directory");

        await web.Page.GetByLabel("Whose is this?").FillAsync("198.51.100.7");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Find the team" }).ClickAsync();
        var answer = web.Page.GetByRole(AriaRole.Table, new() { Name = "Teams for this value" }).GetByRole(AriaRole.Row);
        await Assertions.Expect(answer.Nth(1)).ToContainTextAsync("Energy CSIRT");
        await Assertions.Expect(answer.Nth(1)).ToContainTextAsync("call first");
        await Assertions.Expect(answer.Nth(2)).ToContainTextAsync("National CERT");
        await web.ScreenshotAsync("directory-whose");

        await web.Page.GotoAsync("/directory?type=sectoral-csirt");
        var teams = web.Page.GetByRole(AriaRole.Table, new() { Name = "Teams" }).GetByRole(AriaRole.Row);
        await Assertions.Expect(teams).ToHaveCountAsync(2);
        await Assertions.Expect(teams.Nth(1)).ToContainTextAsync("24/7 +372 600 0001");

        await web.Page.GotoAsync("/directory?value=not%20a%20value");
        await Assertions.Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("is not an IP address or network");
    }
}
