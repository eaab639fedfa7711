using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>The live check refuses a pattern value nothing can hold, points at it, and the server refuses it on save too.</summary>
public class PatternValueCheckTests(Browser browser)
{
    [Fact]
    public async Task CreateIndicator_AnImpossibleAddressIsRefusedAsItIsTyped_AtItsColumn()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        await using var web = await browser.OpenAsync(node);
        await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);

        await web.Page.GotoAsync("/intel/new/indicator");
        var check = web.Page.Locator("#pattern-check");
        await Assertions.Expect(check).ToHaveAttributeAsync("data-interactive", "true");
        await web.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Impossible address");
        await web.Page.Locator("#pattern").PressSequentiallyAsync("[ipv4-addr:value = '999.1.2.3']");

        await Assertions.Expect(check).ToHaveAttributeAsync("data-state", "error");
        await Assertions.Expect(check.Locator(".field-error")).ToContainTextAsync("At column 20: '999.1.2.3' is not a valid ipv4-addr:value");
        await Assertions.Expect(check.Locator("pre.caret")).ToContainTextAsync(new string(' ', 19) + "^");
        await web.ScreenshotAsync("create-indicator-impossible-value");

        // Saving anyway is refused by the server with the same finding; nothing is stored.
        await web.Page.GetByLabel("TLP", new() { Exact = true }).SelectOptionAsync("green");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Create indicator" }).ClickAsync();
        await Assertions.Expect(web.Page.Locator(".field-error").First).ToContainTextAsync("is not a valid ipv4-addr:value");
        Assert.Contains("/intel/new/indicator", web.Page.Url, StringComparison.Ordinal);
        Assert.Empty(web.ConsoleErrors);
    }
}
