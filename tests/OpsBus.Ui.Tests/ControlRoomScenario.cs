using Microsoft.Playwright;

namespace OpsBus.Ui.Tests;

/// <summary>A scenario's system and browser: started before its spec, stopped after it.</summary>
public abstract class ControlRoomScenario : IAsyncLifetime
{
    /// <summary>The embedded system is slow to answer on a busy two-core machine; nothing here waits on a timer.</summary>
    private const float ExpectTimeoutMs = 45_000;

    protected ControlRoomHost Host { get; private set; } = null!;

    protected Browser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        Host = ControlRoomHost.Start();
        Browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        if (Host is not null)
            await Host.DisposeAsync();
    }

    protected async Task<ControlRoomPage> LogInAsync(string key, string name)
    {
        var page = await Browser.OpenAsync(Host.Address, name);
        page.Page.SetDefaultTimeout(ExpectTimeoutMs);
        await page.LogInAsync(key);
        return page;
    }
}
