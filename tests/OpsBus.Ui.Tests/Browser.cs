using Microsoft.Playwright;

namespace OpsBus.Ui.Tests;

/// <summary>
/// A headless Chromium driven by Playwright: the one installed on the machine (<c>OPSBUS_CHROMIUM</c>, default
/// <c>/usr/bin/chromium</c>), since browsers cannot be downloaded here. Without it the specs fail, saying so.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumSetting = "OPSBUS_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<ControlRoomPage> _pages = [];

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<Browser> LaunchAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumSetting) is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(chromium))
            throw new InvalidOperationException(
                $"The browser specs need Chromium and there is none at {chromium}. Install it (apt-get install chromium) or set {ChromiumSetting} to its path.");

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
        return new Browser(playwright, browser);
    }

    /// <summary>A new window (its own storage, so its own login) at 1280×800 on the control room.</summary>
    public async Task<ControlRoomPage> OpenAsync(Uri address, string name)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        var page = new ControlRoomPage(await context.NewPageAsync(), name);
        _pages.Add(page);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var page in _pages)
            await page.Page.Context.CloseAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
