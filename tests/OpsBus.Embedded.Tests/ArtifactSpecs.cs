using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using OpsBus.LaneWorker;
using OpsBus.LaneWorker.Actions;
using OpsBus.LaneWorker.Artifacts;
using OpsBus.Testing;

namespace OpsBus.Embedded.Tests;

public sealed class When_an_embedded_step_attaches_an_artifact
{
    [Fact]
    public async Task Should_list_it_on_the_run_with_the_very_bytes_and_sha256_the_step_sent()
    {
        var content = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7 % 256)).ToArray();
        await using var edge = new EmbeddedEdge(services => services.AddRunAction<AttachBytesAction>());
        using var alice = await edge.ClientOf("alice", "operator");

        using var accepted = await alice.PostAsJsonAsync("/api/runs", new
        {
            plan = new
            {
                steps = new[]
                {
                    new { id = "bundle", title = "Attach the bundle", phase = "action", action = AttachBytesAction.ActionName,
                        inputs = new { name = "bundle.bin", base64 = Convert.ToBase64String(content) } },
                },
            },
            lane = "A",
        });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        await Eventually.True(async () => (await alice.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}")).GetProperty("status").GetString() == "succeeded",
            TimeSpan.FromSeconds(30), "the run to succeed", TimeSpan.FromMilliseconds(100));

        var listed = await Eventually.Get(async () =>
        {
            using var response = await alice.GetAsync($"/api/runs/{runId}/artifacts");
            return response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<JsonElement>() is { ValueKind: JsonValueKind.Array } items
                && items.GetArrayLength() == 1 ? (object)items[0] : null;
        }, TimeSpan.FromSeconds(10), "the artifact to be listed on alice's run", TimeSpan.FromMilliseconds(100));
        var artifact = (JsonElement)listed;
        Assert.Equal(("bundle.bin", "file", "application/octet-stream", content.Length),
            (artifact.GetProperty("name").GetString(), artifact.GetProperty("kind").GetString(), artifact.GetProperty("contentType").GetString(), artifact.GetProperty("size").GetInt32()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), artifact.GetProperty("sha256").GetString());
        Assert.Equal(WorkerCaller.NameOf(EmbeddedEdge.WorkerId), artifact.GetProperty("createdBy").GetString());
        Assert.Equal(content, await alice.GetByteArrayAsync($"/api/artifacts/{artifact.GetProperty("id").GetString()}/content"));
    }

    /// <summary><c>test.attach.bytes</c>: attaches the bytes of <c>base64</c> as the file <c>name</c>.</summary>
    private sealed class AttachBytesAction : IRunAction
    {
        public const string ActionName = "test.attach.bytes";

        public string Name => ActionName;

        public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
        {
            await using var content = new MemoryStream(Convert.FromBase64String(step.RequireString("base64")));
            await step.AttachFileAsync(step.RequireString("name"), ArtifactKind.File, "application/octet-stream", content, cancellationToken);
        }
    }
}
