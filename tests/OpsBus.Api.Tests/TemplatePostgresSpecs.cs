using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsBus.Runbooks.Catalog;
using OpsBus.Testing;

namespace OpsBus.Api.Tests;

/// <summary>Templates on real PostgreSQL: two orchestrators starting together, racing edits, and a run from a template.</summary>
[Trait("Category", "Integration")]
public sealed class When_templates_live_in_postgresql
{
    [Fact]
    public async Task Should_install_once_from_two_orchestrators_and_let_one_of_two_racing_edits_win()
    {
        await using var database = await TestPostgres.CreateAsync();
        // Migrate once, then forget the installed templates, so that the two hosts below race to install them.
        await using (var migrated = await ApiHost.StartAsync(database.ConnectionString))
            await migrated.Query(db => db.Templates.ExecuteDeleteAsync());
        var starting = await Task.WhenAll(ApiHost.StartAsync(database.ConnectionString), ApiHost.StartAsync(database.ConnectionString));
        await using var first = starting[0];
        await using var second = starting[1];
        var admin = first.As("root:admin");

        var counts = await first.Query(db => Task.FromResult((db.Templates.Count(), db.TemplateVersions.Count())));
        Assert.Equal((ShippedTemplates.All.Count, ShippedTemplates.All.Count), counts);

        var racing = await Task.WhenAll(
            admin.Send(HttpMethod.Put, "/api/templates/hello", ShippedTemplates.Find("hello")! with { Title = "From the first" }),
            second.As("root:admin").Send(HttpMethod.Put, "/api/templates/hello", ShippedTemplates.Find("hello")! with { Title = "From the second" }));
        var statuses = racing.Select(r => r.StatusCode).Order().ToList();
        foreach (var response in racing)
            response.Dispose();
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(statuses[1], new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
        var versions = await admin.Get<JsonElement>("/api/templates/hello/versions");
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.OK) + 1, versions.GetProperty("items").GetArrayLength());

        var run = await first.As("alice:operator").Submit(new { template = "deploy", environment = "prod" });
        Assert.Equal(("deploy", 1, "B", true), (run.Template, run.TemplateVersion, run.Lane, run.RequiresApproval));
    }
}
