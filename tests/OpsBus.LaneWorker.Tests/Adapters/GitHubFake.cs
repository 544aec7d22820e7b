using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OpsBus.LaneWorker.Tests.Adapters;

/// <summary>
/// GitHub's REST API for one repository, as Octokit calls it: repository, refs, commits, trees, pulls, statuses,
/// workflow dispatch and runs, and the contents of <see cref="Files"/>. A dispatch creates a run; each read of a run moves
/// it along <see cref="RunProgress"/>.
/// </summary>
internal sealed class GitHubFake : VendorFake
{
    public const string Owner = "acme";
    public const string Repo = "shop";
    public const string HeadSha = "1111111111111111111111111111111111111111";
    public const string HeadTree = "2222222222222222222222222222222222222222";
    public const string NewTree = "3333333333333333333333333333333333333333";
    public const string NewCommit = "4444444444444444444444444444444444444444";
    public const long ExistingRunId = 900;
    public const long DispatchedRunId = 1001;
    public const int PullNumber = 42;

    private readonly ConcurrentDictionary<long, int> _reads = new();
    private readonly List<long> _runs = [ExistingRunId];

    /// <summary>What a run reports on its 1st, 2nd, … read (the last one repeats).</summary>
    public List<(string Status, string? Conclusion)> RunProgress { get; } = [("queued", null), ("in_progress", null), ("completed", "success")];

    public string? CreatedRef { get; private set; }

    /// <summary>The repository's files (path → text) the contents API serves, at whatever ref is asked.</summary>
    public ConcurrentDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public override string Vendor => "GitHub";

    public static Task<GitHubFake> StartAsync() => Start(new GitHubFake());

    /// <summary>The JSON body of the one POST whose path contains <paramref name="path"/>.</summary>
    public JsonElement Posted(string path) =>
        JsonDocument.Parse(Server.RequestsTo(path).Single(r => r.Method == "POST").Body).RootElement;

    protected override void Map(IEndpointRouteBuilder app)
    {
        var repo = app.MapGroup($"/repos/{Owner}/{Repo}");
        repo.MapGet("", () => Results.Json(new { id = 7, name = Repo, full_name = $"{Owner}/{Repo}", default_branch = "main" }));
        repo.MapGet("/git/refs/{**name}", (string name) => name == "heads/main"
            ? Results.Json(new { @ref = "refs/heads/main", @object = new { sha = HeadSha, type = "commit" } })
            : Results.Json(new { message = "Not Found" }, statusCode: 404));
        repo.MapGet("/git/commits/{sha}", (string sha) => Results.Json(new { sha, tree = new { sha = HeadTree }, message = "base" }));
        repo.MapPost("/git/trees", () => Results.Json(new { sha = NewTree, tree = Array.Empty<object>() }, statusCode: 201));
        repo.MapPost("/git/commits", () => Results.Json(new { sha = NewCommit, tree = new { sha = NewTree }, message = "change" }, statusCode: 201));
        repo.MapPost("/git/refs", async (HttpRequest request) =>
        {
            CreatedRef = (await JsonDocument.ParseAsync(request.Body)).RootElement.GetProperty("ref").GetString();
            return Results.Json(new { @ref = CreatedRef, @object = new { sha = NewCommit, type = "commit" } }, statusCode: 201);
        });
        repo.MapPost("/pulls", () => Results.Json(new { id = 99, number = PullNumber, html_url = $"https://github.example/{Owner}/{Repo}/pull/{PullNumber}", state = "open" }, statusCode: 201));
        repo.MapGet("/contents/{**path}", (string path) => Contents(path.Trim('/')));
        repo.MapPost("/statuses/{sha}", async (string sha, HttpRequest request) =>
        {
            var body = (await JsonDocument.ParseAsync(request.Body)).RootElement;
            return Results.Json(new { id = 5, state = body.GetProperty("state").GetString(), context = body.GetProperty("context").GetString() }, statusCode: 201);
        });
        repo.MapPost("/actions/workflows/{workflow}/dispatches", () =>
        {
            lock (_runs)
                _runs.Add(DispatchedRunId);
            return Results.NoContent();
        });
        repo.MapGet("/actions/workflows/{workflow}/runs", () =>
        {
            long[] runs;
            lock (_runs)
                runs = _runs.OrderDescending().ToArray();
            return Results.Json(new { total_count = runs.Length, workflow_runs = runs.Select(id => Run(id, advance: false)).ToArray() });
        });
        repo.MapGet("/actions/runs/{id:long}", (long id) => Results.Json(Run(id, advance: true)));
    }

    /// <summary>A file with its content (base64, as GitHub sends it), a folder as the list of its entries, or 404.</summary>
    private IResult Contents(string path)
    {
        if (Files.TryGetValue(path, out var text))
        {
            return Results.Json(Entry(path, "file") with
            {
                Encoding = "base64", Content = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)),
            });
        }

        var entries = Files.Keys
            .Where(file => file.StartsWith(path + "/", StringComparison.Ordinal))
            .Select(file => file[(path.Length + 1)..].Split('/'))
            .Select(rest => rest.Length == 1 ? Entry($"{path}/{rest[0]}", "file") : Entry($"{path}/{rest[0]}", "dir"))
            .DistinctBy(entry => entry.Path)
            .ToList();
        return entries.Count > 0 ? Results.Json(entries) : Results.Json(new { message = "Not Found" }, statusCode: 404);
    }

    private static ContentEntry Entry(string path, string type) =>
        new(path[(path.LastIndexOf('/') + 1)..], path, type, new string('5', 40), $"https://github.example/{Owner}/{Repo}/blob/main/{path}", null, null);

    private sealed record ContentEntry(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("path")] string Path,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("sha")] string Sha,
        [property: JsonPropertyName("html_url")] string HtmlUrl,
        [property: JsonPropertyName("encoding")] string? Encoding,
        [property: JsonPropertyName("content")] string? Content);

    private object Run(long id, bool advance)
    {
        var read = advance ? _reads.AddOrUpdate(id, 0, (_, count) => count + 1) : _reads.GetValueOrDefault(id);
        var (status, conclusion) = RunProgress[Math.Min(read, RunProgress.Count - 1)];
        return new { id, status, conclusion, head_branch = "main", @event = "workflow_dispatch", html_url = RunUrl(id) };
    }

    public static string RunUrl(long id) => $"https://github.example/{Owner}/{Repo}/actions/runs/{id}";
}
