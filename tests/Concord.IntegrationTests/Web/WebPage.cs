using Concord.Access;
using Concord.IntegrationTests.Access;
using Microsoft.Playwright;

namespace Concord.IntegrationTests.Web;

/// <summary>
/// A page in its own browser context, with what UI tests share: signing in, screenshots kept as artefacts, and the
/// browser console's errors (a Content-Security-Policy violation shows up there).
/// </summary>
public sealed class WebPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _consoleErrors = [];

    internal WebPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add($"{message.Text} ({message.Location})");
                }
            }
        };
    }

    public IPage Page { get; }

    /// <summary>The page's own status messages: not Blazor's reconnect banner, which is a status too and shows under load.</summary>
    public ILocator Status => Page.Locator("[role=status]:not(#components-reconnect-modal)");

    public IBrowserContext Context => _context;

    /// <summary>Errors the browser logged so far (script errors, blocked resources, CSP violations).</summary>
    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors)
            {
                return [.. _consoleErrors];
            }
        }
    }

    /// <summary>Where screenshots go: <c>CONCORD_SCREENSHOTS</c>, else <c>TestResults/screenshots/</c> at the repository root.</summary>
    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("CONCORD_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(RepositoryRoot(), "TestResults", "screenshots");

    /// <summary>Signs in through the login form, as a person would; returns when the next page has loaded.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("User name").FillAsync(userName);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Signs in as the <paramref name="role"/> user of <paramref name="organisation"/> (created on first use, password <see cref="TestAlliance.Password"/>).</summary>
    public async Task SignInAsAsync(TestAlliance alliance, string organisation, Role role)
    {
        ArgumentNullException.ThrowIfNull(alliance);
        await alliance.UserIdAsync(organisation, role);
        await SignInAsync(TestAlliance.UserName(organisation, role), TestAlliance.Password);
    }

    /// <summary>Saves a full-page screenshot as <c>{name}.png</c> in <see cref="ScreenshotDirectory"/>; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Concord.slnx")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
