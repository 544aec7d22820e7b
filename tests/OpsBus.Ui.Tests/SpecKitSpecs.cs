using Microsoft.Playwright;

namespace OpsBus.Ui.Tests;

public sealed class When_an_operator_generates_and_edits_a_spec_kit_bundle : ControlRoomScenario
{
    [Fact]
    public async Task Should_show_the_four_files_render_one_and_save_an_edit_as_a_new_version()
    {
        var operatorKey = await Host.CreateKey("sam", "operator");
        var page = await LogInAsync(operatorKey, "spec kit window");
        await page.OpenTabAsync("Spec Kit");
        var form = page.Page.GetByRole(AriaRole.Form, new() { Name = "Generate a Spec Kit bundle" });
        await form.GetByLabel("Feature (one sentence)").FillAsync("Deploy freeze");
        await form.GetByLabel("The problem it solves").FillAsync("Deploys during a freeze break promises to customers.");
        await form.GetByLabel("Goals").FillAsync("Block deploys during a freeze\nLet admins override with a reason");
        await form.GetByLabel("Constraints").FillAsync("No new infrastructure");
        await form.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();

        await Assertions.Expect(page.Page.GetByTestId("run-live").Locator(".badge[data-status]").First).ToHaveAttributeAsync("data-status", "succeeded");
        var files = page.Page.GetByTestId("generated-files").GetByRole(AriaRole.Link);
        await Assertions.Expect(files).ToHaveTextAsync(["constitution.md", "prd.md", "plan.md", "tasks.md"]);
        var feature = page.Page.GetByRole(AriaRole.Region, new() { Name = "deploy-freeze" });
        await Assertions.Expect(feature.GetByRole(AriaRole.Link)).ToHaveCountAsync(4);
        await page.ScreenshotAsync("spec-kit");

        await files.Filter(new() { HasText = "prd.md" }).FocusAsync();
        await page.Page.Keyboard.PressAsync("Enter");
        var document = page.Page.GetByTestId("spec-doc");
        await Assertions.Expect(document.GetByRole(AriaRole.Heading, new() { Name = "Deploy freeze — product requirements", Level = 2 })).ToBeVisibleAsync();
        var rendered = document.GetByRole(AriaRole.Document, new() { Name = "Deploy freeze — product requirements, rendered" });
        await Assertions.Expect(rendered.GetByRole(AriaRole.Heading, new() { Name = "Acceptance criteria", Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(rendered.Locator("li strong").Filter(new() { HasText = "R2." })).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.GetByTestId("spec-doc-version")).ToHaveTextAsync("deploy-freeze/prd v1");
        await page.ScreenshotAsync("spec-kit-document");

        await document.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var markdown = page.Page.GetByLabel("Markdown");
        var original = await markdown.InputValueAsync();
        await markdown.FillAsync(original + "\n## Review notes\n\nSigned off by **Ana**; see [the runbook](javascript:alert(1)).\n");
        var preview = page.Page.GetByRole(AriaRole.Document, new() { Name = "Preview" });
        await Assertions.Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Review notes" })).ToBeVisibleAsync();
        await Assertions.Expect(preview.GetByRole(AriaRole.Link, new() { Name = "the runbook" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync("spec-kit-editor");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();

        await Assertions.Expect(page.Page.GetByTestId("spec-doc-version")).ToHaveTextAsync("deploy-freeze/prd v2");
        await Assertions.Expect(rendered.GetByRole(AriaRole.Heading, new() { Name = "Review notes" })).ToBeVisibleAsync();
        await Assertions.Expect(document.GetByRole(AriaRole.List, new() { Name = "Versions" }).Locator("li")).ToHaveCountAsync(2);
        var stored = await Host.Get("/api/spec-docs/deploy-freeze/prd", ControlRoomHost.AdminKey);
        Assert.Equal(2, stored.GetProperty("version").GetInt32());
        Assert.Equal("sam", stored.GetProperty("updatedBy").GetString());
        Assert.Contains("Signed off by **Ana**", stored.GetProperty("content").GetString(), StringComparison.Ordinal);
        page.AssertNoConsoleErrors();
    }
}

public sealed class When_a_spec_document_changes_while_it_is_edited : ControlRoomScenario
{
    [Fact]
    public async Task Should_show_the_refusal_and_keep_the_draft()
    {
        var page = await LogInAsync(ControlRoomHost.AdminKey, "spec kit window");
        await Host.Put("/api/spec-docs/glossary", ControlRoomHost.AdminKey, new { title = "Glossary", content = "# Glossary\n\n- **Lane**: a queue." });
        await page.Page.GotoAsync("/#/spec/glossary");
        var document = page.Page.GetByTestId("spec-doc");
        await Assertions.Expect(page.Page.GetByTestId("spec-doc-version")).ToHaveTextAsync("glossary v1");
        await document.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await page.Page.GetByLabel("Markdown").FillAsync("# Glossary\n\n- **Lane**: a queue of runs.");

        await Host.Put("/api/spec-docs/glossary", ControlRoomHost.AdminKey, new { title = "Glossary", content = "# Glossary\n\n- **Run**: one execution." }, 1);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();

        await Assertions.Expect(page.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("is at version 2, not 1");
        await Assertions.Expect(page.Page.GetByLabel("Markdown")).ToHaveValueAsync("# Glossary\n\n- **Lane**: a queue of runs.");
        await page.Page.SetViewportSizeAsync(420, 900);
        await page.ScreenshotAsync("spec-kit-narrow");
        var stored = await Host.Get("/api/spec-docs/glossary", ControlRoomHost.AdminKey);
        Assert.Equal((2, "# Glossary\n\n- **Run**: one execution."), (stored.GetProperty("version").GetInt32(), stored.GetProperty("content").GetString()));
        Assert.All(page.ConsoleErrors, error => Assert.Contains("412", error, StringComparison.Ordinal));
    }
}
