using Microsoft.Playwright;

namespace OpsBus.Ui.Tests;

/// <summary>One browser window on the control room: logs in, switches tabs, saves screenshots and records console errors.</summary>
public sealed class ControlRoomPage
{
    private readonly List<string> _errors = [];
    private readonly string _name;

    public ControlRoomPage(IPage page, string name)
    {
        Page = page;
        _name = name;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                lock (_errors)
                    _errors.Add($"console: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
                _errors.Add($"page error: {error}");
        };
    }

    public IPage Page { get; }

    /// <summary>Where screenshots go: <c>screenshots/</c> in the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_errors)
                return [.. _errors];
        }
    }

    public async Task LogInAsync(string key)
    {
        await Page.GotoAsync("/");
        await Page.GetByLabel("API key").FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator(".live.on")).ToBeVisibleAsync();
    }

    public async Task OpenTabAsync(string name)
    {
        await Page.GetByRole(AriaRole.Tab, new() { Name = name }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Tab, new() { Name = name })).ToHaveAttributeAsync("aria-selected", "true");
    }

    public async Task ScreenshotAsync(string view)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{view}.png"), FullPage = true });
    }

    /// <summary>Fails with the errors the page logged, if any.</summary>
    public void AssertNoConsoleErrors() => Assert.True(ConsoleErrors.Count == 0, $"{_name} logged errors:\n{string.Join("\n", ConsoleErrors)}");
}
