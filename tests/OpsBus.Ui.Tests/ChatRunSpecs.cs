using Microsoft.Playwright;

namespace OpsBus.Ui.Tests;

public sealed class When_an_admin_runs_an_intent_from_chat : ControlRoomScenario
{
    [Fact]
    public async Task Should_show_it_succeed_live_on_the_runboard_and_in_its_log()
    {
        var board = await LogInAsync(ControlRoomHost.AdminKey, "runboard window");
        await board.OpenTabAsync("Runboard");
        await board.Page.EvaluateAsync("() => { window.opsbusNoReload = true; }");
        var chat = await LogInAsync(ControlRoomHost.AdminKey, "chat window");

        await chat.Page.GetByLabel("Intent").FillAsync("say hello to Ana");
        await chat.Page.GetByLabel("Intent").PressAsync("Enter");
        var card = chat.Page.GetByTestId("plan-card");
        await Assertions.Expect(card).ToContainTextAsync("Hello");
        await Assertions.Expect(card.GetByLabel("Who to greet")).ToHaveValueAsync("Ana");
        await chat.ScreenshotAsync("chat");
        await card.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();

        var live = chat.Page.GetByTestId("run-live");
        await Assertions.Expect(live.Locator(".badge[data-status]").First).ToHaveAttributeAsync("data-status", "succeeded");
        await Assertions.Expect(board.Page.Locator("section[data-lane='A'] .run-card .badge")).ToHaveAttributeAsync("data-status", "succeeded");
        Assert.True(await board.Page.EvaluateAsync<bool>("() => window.opsbusNoReload === true"), "The runboard reloaded.");
        await board.ScreenshotAsync("runboard");

        await live.GetByRole(AriaRole.Button, new() { Name = "Open run" }).ClickAsync();
        var log = chat.Page.GetByTestId("run-detail").GetByTestId("log-viewer");
        await Assertions.Expect(log).ToContainTextAsync("Hello, Ana!");
        await chat.ScreenshotAsync("run-detail");
        await log.GetByRole(AriaRole.Button, new() { Name = "Full screen" }).ClickAsync();
        await Assertions.Expect(chat.Page.Locator(".log-viewer.full-screen")).ToBeVisibleAsync();
        await log.GetByLabel("Search the log").FillAsync("ana");
        await Assertions.Expect(log.Locator("mark").First).ToHaveTextAsync("Ana");
        await chat.ScreenshotAsync("log-viewer");
        await chat.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(chat.Page.Locator(".log-viewer.full-screen")).ToHaveCountAsync(0);

        await chat.OpenTabAsync("Runs");
        await Assertions.Expect(chat.Page.Locator(".runs-table tbody tr .badge").First).ToHaveAttributeAsync("data-status", "succeeded");
        await chat.ScreenshotAsync("runs");

        board.AssertNoConsoleErrors();
        chat.AssertNoConsoleErrors();
    }
}
