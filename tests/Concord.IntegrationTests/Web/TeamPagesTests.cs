using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Teams;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>
/// "Edit my team" and the team page in a real browser: the admin saves a profile with an escalation contact, a key and a
/// person; a refused key or address is shown next to its field; a member reads it all on the team page, and the header
/// search answers whose an address is.
/// </summary>
public class TeamPagesTests(Browser browser)
{
    [Fact]
    public async Task Admin_EditsTheTeam_ErrorsShowBesideTheField_AndMembersReadTheTeamPage()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Energy", "Other");
        var key = PgpFixtures.Key(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));
        var fingerprint = PgpFixtures.Fingerprint(key);

        await using (var admin = await browser.OpenAsync(node))
        {
            await admin.SignInAsAsync(alliance, "Energy", Role.OrgAdmin);
            await admin.Page.GotoAsync($"/directory/teams/{alliance.OrgId("Energy")}");
            await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Edit my team" }).ClickAsync();

            var profile = admin.Page.GetByRole(AriaRole.Form, new() { Name = "Team profile" });
            await profile.GetByLabel("Name", new() { Exact = true }).FillAsync("Energy CSIRT");
            await profile.GetByLabel("Networks, one per line").FillAsync("198.51.100.0/24");
            await profile.GetByLabel("Time zone (IANA)").FillAsync("Europe/Tallinn");
            await profile.GetByLabel("Contact 1: name").FillAsync("Duty manager");
            await profile.Locator("[id='f-escalationContacts[0].phone']").FillAsync("+372 600 0002");
            await profile.GetByLabel("Key 1").FillAsync("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot really\n-----END PGP PUBLIC KEY BLOCK-----");
            await profile.GetByRole(AriaRole.Button, new() { Name = "Save the profile" }).ClickAsync();
            await Assertions.Expect(admin.Page.Locator("[id='f-keys[0]-error']")).ToContainTextAsync("Not an OpenPGP public key");
            await admin.ScreenshotAsync("team-edit-bad-key");

            await admin.Page.GetByRole(AriaRole.Form, new() { Name = "Team profile" }).GetByLabel("Key 1").FillAsync(key);
            await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Save the profile" }).ClickAsync();
            await Assertions.Expect(admin.Status).ToContainTextAsync("The profile was saved.");

            var people = admin.Page.GetByRole(AriaRole.Form, new() { Name = "People" });
            await people.Locator("[id='f-people[0].name']").FillAsync("Mari Maasikas");
            await people.Locator("[id='f-people[0].email']").FillAsync("mari@");
            await people.GetByRole(AriaRole.Button, new() { Name = "Add the person" }).ClickAsync();
            await Assertions.Expect(admin.Page.Locator("[id='f-people[0].email-error']")).ToContainTextAsync("is not an e-mail address");
            await admin.Page.Locator("[id='f-people[0].email']").FillAsync(TeamPeopleTests.Email("Energy", Role.Analyst));
            await admin.Page.Locator("[id='f-people[0].role']").FillAsync("Incident handler");
            await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Add the person" }).ClickAsync();
            await Assertions.Expect(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Erase Mari Maasikas" })).ToBeVisibleAsync();
            await admin.ScreenshotAsync("team-edit");
        }

        await using var member = await browser.OpenAsync(node);
        await member.SignInAsAsync(alliance, "Other", Role.ReadOnly);
        await member.Page.GotoAsync($"/directory?region=Europe");
        await member.Page.GetByRole(AriaRole.Link, new() { Name = "Energy CSIRT" }).ClickAsync();
        await Assertions.Expect(member.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Energy CSIRT");
        await Assertions.Expect(member.Page.Locator("#local-time")).ToContainTextAsync(":");
        await Assertions.Expect(member.Page.GetByRole(AriaRole.List, new() { Name = "Escalation contacts" })).ToContainTextAsync("Duty manager");
        await Assertions.Expect(member.Page.GetByRole(AriaRole.Table, new() { Name = "Team keys" })).ToContainTextAsync(fingerprint[..4] + " " + fingerprint[4..8]);
        await Assertions.Expect(member.Page.GetByRole(AriaRole.Table, new() { Name = "People" })).ToContainTextAsync("Mari Maasikas");
        await Assertions.Expect(member.Page.GetByRole(AriaRole.Link, new() { Name = "Edit my team" })).ToHaveCountAsync(0);
        await member.ScreenshotAsync("team-page");

        // The header search: an address typed there also says whose it is.
        await member.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search", Exact = true }).FillAsync("198.51.100.7");
        await member.Page.Keyboard.PressAsync("Enter");
        await member.Page.WaitForURLAsync("**/intel?q=198.51.100.7");
        await Assertions.Expect(member.Page.GetByRole(AriaRole.List, new() { Name = "Responsible teams" }).GetByRole(AriaRole.Link, new() { Name = "Energy CSIRT" })).ToBeVisibleAsync();
        await member.ScreenshotAsync("header-search-whose");

        // Only the team's admins edit it: another member is refused.
        var edit = await member.Page.GotoAsync($"/directory/teams/{alliance.OrgId("Energy")}/edit");
        Assert.Equal(403, edit!.Status);
        await Assertions.Expect(member.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Only the organisation's admins");
        await Assertions.Expect(member.Page.GetByRole(AriaRole.Form, new() { Name = "Team profile" })).ToHaveCountAsync(0);
    }
}
