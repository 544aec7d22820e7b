using Microsoft.Playwright;

namespace OpsBus.Ui.Tests;

public sealed class When_an_approver_reviews_a_prod_deploy : ControlRoomScenario
{
    [Fact]
    public async Task Should_approve_it_from_the_approvals_tab()
    {
        var approverKey = await Host.CreateKey("april", "approver");
        var admin = await LogInAsync(ControlRoomHost.AdminKey, "requester window");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "deploy web to prod" }).ClickAsync();
        var card = admin.Page.GetByTestId("plan-card");
        await Assertions.Expect(card.GetByTestId("approval-notice")).ToBeVisibleAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        var live = admin.Page.GetByTestId("run-live");
        await Assertions.Expect(live.Locator(".badge").First).ToHaveAttributeAsync("data-status", "awaiting_approval");
        var runId = (await live.GetAttributeAsync("data-run-id"))!;

        var approver = await LogInAsync(approverKey, "approver window");
        await approver.OpenTabAsync("Approvals");
        var pending = approver.Page.Locator($"li[data-run-id='{runId}']");
        await Assertions.Expect(pending).ToContainTextAsync("deploy → prod");
        await approver.ScreenshotAsync("approvals");
        await pending.GetByLabel("Comment").FillAsync("Looks right");
        await pending.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Assertions.Expect(pending).ToHaveCountAsync(0);
        await Assertions.Expect(live.Locator(".badge").First).Not.ToHaveAttributeAsync("data-status", "awaiting_approval");
        var approval = (await Host.Get($"/api/runs/{runId}", ControlRoomHost.AdminKey)).GetProperty("approval");
        Assert.Equal("approved", approval.GetProperty("status").GetString());
        Assert.Equal("april", approval.GetProperty("decidedBy").GetString());
        admin.AssertNoConsoleErrors();
        approver.AssertNoConsoleErrors();
    }
}
