using Microsoft.Playwright;

namespace OpsBus.Ui.Tests;

public sealed class When_an_operator_cancels_a_long_run : ControlRoomScenario
{
    [Fact]
    public async Task Should_see_it_cancelled_in_its_detail()
    {
        var olga = await Host.CreateKey("olga", "operator");
        var run = await Host.Post("/api/runs", olga, new
        {
            plan = new { steps = new[] { new { id = "wait", title = "Wait ten minutes", phase = "action", action = "sleep", inputs = new { seconds = 600 } } } },
            lane = "C",
        });
        var runId = run.GetProperty("id").GetString()!;
        var page = await LogInAsync(olga, "operator window");

        await page.OpenTabAsync("Runs");
        await page.Page.Locator($"tr[data-run-id='{runId}'] a").ClickAsync();
        var header = page.Page.Locator(".run-header");
        await Assertions.Expect(header.Locator(".badge")).ToHaveAttributeAsync("data-status", "running");
        await Assertions.Expect(page.Page.GetByTestId("log-viewer")).ToContainTextAsync("sleeping 600 s");
        await header.GetByRole(AriaRole.Button, new() { Name = "Cancel run" }).ClickAsync();

        await Assertions.Expect(header.Locator(".badge")).ToHaveAttributeAsync("data-status", "cancelled");
        await Assertions.Expect(header.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToBeVisibleAsync();
        Assert.Equal("cancelled", (await Host.Get($"/api/runs/{runId}", olga)).GetProperty("status").GetString());
        await page.ScreenshotAsync("run-cancelled");
        page.AssertNoConsoleErrors();
    }
}
