using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The case pages: an analyst opens a case from the list, shares it, comments and adds a task; the participant reads it.</summary>
public class CasePageTests(Browser browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Analyst_OpensACase_CommentsAddsATaskAndAttachesAFile_ParticipantSeesItOnTheBoardAndThePage()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Lagoon CERT", "Harbour CSIRT");
        var participant = await alliance.ClientAsync("Harbour CSIRT", Role.Analyst);

        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Lagoon CERT", Role.Analyst);
        await web.Page.GotoAsync("/");
        await web.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Cases" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/cases");

        var open = web.Page.Locator("main").GetByRole(AriaRole.Form, new() { Name = "Open a case" });
        await open.GetByLabel("Title").FillAsync("Wiper in the grid");
        await open.GetByLabel("Summary").FillAsync("Substations lost their HMIs overnight.");
        await open.GetByLabel("Category (RSIT)").SelectOptionAsync("malicious-code:infected-system");
        await open.GetByLabel("Severity").SelectOptionAsync("critical");
        await open.GetByLabel("Affected countries (ISO codes)").FillAsync("EE, LV");
        await open.GetByLabel("Affected sectors").FillAsync("energy");
        await open.GetByLabel("Harbour CSIRT").CheckAsync();
        await open.GetByRole(AriaRole.Button, new() { Name = "Open the case" }).ClickAsync();
        await web.Page.WaitForURLAsync("**/cases/*");
        var main = web.Page.Locator("main");
        await Assertions.Expect(main.GetByRole(AriaRole.Heading, new() { Name = "Wiper in the grid" })).ToBeVisibleAsync();
        await Assertions.Expect(main.GetByText("Shared with Harbour CSIRT.")).ToBeVisibleAsync();

        var comment = main.GetByRole(AriaRole.Form, new() { Name = "Comment" });
        await comment.GetByLabel("Comment").FillAsync("Same wiper hash as last winter.");
        await comment.GetByRole(AriaRole.Button, new() { Name = "Add the comment" }).ClickAsync();
        await Assertions.Expect(main.GetByText("The comment was added.")).ToBeVisibleAsync();

        var task = main.GetByRole(AriaRole.Form, new() { Name = "Task" });
        await task.GetByLabel("Task").FillAsync("Collect HMI images");
        await task.GetByLabel("Assigned to").SelectOptionAsync(new SelectOptionValue { Label = "Harbour CSIRT" });
        await task.GetByLabel("Due").FillAsync("2026-11-20");
        await task.GetByRole(AriaRole.Button, new() { Name = "Add the task" }).ClickAsync();
        await Assertions.Expect(main.GetByRole(AriaRole.Table, new() { Name = "Tasks" })).ToContainTextAsync("Collect HMI images");
        await web.ScreenshotAsync("case-page");

        // A due date in the past is refused with the field named, and nothing is added.
        await task.GetByLabel("Task").FillAsync("Too late");
        await task.GetByLabel("Due").FillAsync("2026-10-01");
        await task.GetByRole(AriaRole.Button, new() { Name = "Add the task" }).ClickAsync();
        await Assertions.Expect(main.GetByRole(AriaRole.Alert)).ToContainTextAsync("due:");
        await Assertions.Expect(main.GetByRole(AriaRole.Table, new() { Name = "Tasks" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(2);

        // A file attached from the page; none chosen is refused with the field named.
        var attach = main.GetByRole(AriaRole.Form, new() { Name = "Attachment" });
        await attach.GetByRole(AriaRole.Button, new() { Name = "Attach the file" }).ClickAsync();
        await Assertions.Expect(main.GetByRole(AriaRole.Alert)).ToContainTextAsync("file:");
        var log = "2026-11-01 08:12 HMI-3 logon from 198.51.100.7\n"u8.ToArray();
        await attach.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = "hmi-3.log", MimeType = "text/plain", Buffer = log });
        await attach.GetByRole(AriaRole.Button, new() { Name = "Attach the file" }).ClickAsync();
        await Assertions.Expect(main.GetByText("The file was attached.")).ToBeVisibleAsync();
        await Assertions.Expect(main.GetByRole(AriaRole.Link, new() { Name = "hmi-3.log" })).ToHaveAttributeAsync("download", "");

        // The participant reads the case through the API as the page showed it (the attachment's bytes too), and finds it on the board.
        var cases = await participant.GetFromJsonAsync<JsonElement>("/api/v1/cases", Ct);
        var id = Assert.Single(cases.EnumerateArray()).GetProperty("id").GetGuid();
        var read = await participant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}", Ct);
        Assert.Equal(["Same wiper hash as last winter."], read.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        var attached = Assert.Single(read.GetProperty("attachments").EnumerateArray());
        Assert.Equal("hmi-3.log", attached.GetProperty("fileName").GetString());
        Assert.Equal(log, await participant.GetByteArrayAsync($"/api/v1/cases/{id}/attachments/{attached.GetProperty("meta").GetProperty("id").GetGuid()}", Ct));
        await web.Page.GotoAsync("/cases?view=board");
        await Assertions.Expect(web.Page.Locator("main").GetByRole(AriaRole.Region, new() { Name = "new" })).ToContainTextAsync("Wiper in the grid");
        await web.ScreenshotAsync("cases-board");
    }
}
