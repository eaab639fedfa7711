using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Concord.IntegrationTests.Web.Browser))]

namespace Concord.IntegrationTests.Web;

/// <summary>
/// One headless Chromium for the test assembly (Debian's package, driven by Microsoft.Playwright through its
/// ExecutablePath: <c>/usr/bin/chromium</c>, or <c>CONCORD_CHROMIUM</c>), started on first use so tests that do not
/// need it do not pay for it. Each <see cref="OpenAsync"/> is a fresh browser context: its own cookies, nothing shared.
/// Without Chromium, browser tests skip locally with a message and fail under <c>CI=true</c>.
/// </summary>
/// <example>
/// <code>
/// public class MyPageTests(Browser browser)
/// {
///     [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
///     public async Task Something(Store store)
///     {
///         await using var node = await TestNode.StartAsync(store);
///         using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
///         await using var web = await browser.OpenAsync(node);
///         await web.SignInAsAsync(alliance, "Alpha", Role.Analyst);
///         await web.Page.GotoAsync("/intel");
///         await web.ScreenshotAsync("intel-search");
///     }
/// }
/// </code>
/// </example>
public sealed class Browser : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The Chromium executable: <c>CONCORD_CHROMIUM</c>, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CONCORD_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>
    /// A new page in a new browser context (1366×768, the common laptop screen) against <paramref name="node"/>;
    /// <paramref name="configure"/> changes the context's options (a phone's screen, JavaScript off).
    /// </summary>
    public async Task<WebPage> OpenAsync(TestNode node, Action<BrowserNewContextOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        var browser = await LaunchAsync();
        var options = new BrowserNewContextOptions
        {
            BaseURL = node.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        };
        configure?.Invoke(options);
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return new WebPage(context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _gate.Dispose();
    }

    private async Task<IBrowser> LaunchAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_browser is not null)
            {
                return _browser;
            }

            var path = ExecutablePath;
            if (!File.Exists(path))
            {
                var message = $"Chromium was not found at {path}; browser tests need it (apt-get install chromium, or set CONCORD_CHROMIUM).";
                if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(message);
                }

                Assert.Skip(message);
            }

            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true });
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }
}
