using System.Net.Http.Json;
using System.Text;
using OpsBus.Artifacts.Api;
using OpsBus.Testing;

namespace OpsBus.Artifacts.Tests;

/// <summary>The artifacts metadata on real PostgreSQL, with its own migrations.</summary>
[Trait("Category", "Integration")]
public sealed class When_the_artifacts_metadata_is_in_postgresql
{
    [Fact]
    public async Task Should_store_list_and_sweep_artifacts()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var host = await ArtifactsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Artifacts:Database"] = "Postgres",
            ["Artifacts:ConnectionString"] = database.ConnectionString,
        });
        var runId = await host.RunOf("alice");
        var alice = host.As("alice:operator");
        var stored = await Uploads.Stored(await Uploads.Raw(alice, runId, "notes.md", Encoding.UTF8.GetBytes("# Done"), "text/markdown", kind: "markdown"));
        var link = await Uploads.Stored(await alice.PostAsJsonAsync($"/api/runs/{runId}/artifacts", new { kind = "link", name = "pr", url = "https://git.example.com/pr/1" }));

        Assert.Equal([stored, link], await alice.GetFromJsonAsync<List<ArtifactResponse>>($"/api/runs/{runId}/artifacts"));

        host.Clock.Advance(TimeSpan.FromDays(91));
        await using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(host.Services);
        var sweep = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Retention.ArtifactRetention>(scope.ServiceProvider).SweepAsync(CancellationToken.None);
        Assert.Equal(new Retention.RetentionSweep(2, 6), sweep);
    }
}
