using Microsoft.Playwright;

namespace OpsBus.Ui.Tests;

public sealed class When_an_admin_edits_a_template : ControlRoomScenario
{
    [Fact]
    public async Task Should_save_a_new_version_with_the_changes()
    {
        var page = await LogInAsync(ControlRoomHost.AdminKey, "admin window");
        await page.OpenTabAsync("Templates");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Hello hello" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator(".versions li")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("templates");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Edit", Exact = true }).ClickAsync();
        await page.Page.GetByLabel("Title").FillAsync("Hello, team");
        await page.Page.GetByLabel("Parameter 1 default").FillAsync("team");
        await page.ScreenshotAsync("template-editor");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();

        await Assertions.Expect(page.Page.Locator(".detail-header h2")).ToHaveTextAsync("Hello, team");
        await Assertions.Expect(page.Page.Locator(".versions li")).ToHaveCountAsync(2);
        var stored = await Host.Get("/api/templates/hello", ControlRoomHost.AdminKey);
        Assert.Equal(2, stored.GetProperty("version").GetInt32());
        Assert.Equal("Hello, team", stored.GetProperty("title").GetString());
        Assert.Equal("team", stored.GetProperty("parameters")[0].GetProperty("default").GetString());
        page.AssertNoConsoleErrors();
    }
}
