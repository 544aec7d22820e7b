using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Triggers;
using OpsBus.Testing;

namespace OpsBus.Api.Tests;

/// <summary>GitHub's side of the webhook: payloads shaped like its documentation's, signed like it signs them.</summary>
internal static class GitHubDeliveries
{
    public const string Secret = "the-webhook-secret-of-the-tests";
    public const string Sha = "0123456789abcdef0123456789abcdef01234567";
    public const string Token = "ghp_test_token_for_statuses";
    public const string RunLinks = "https://opsbus.example.com/ui";

    /// <summary>A template whose parameters take what deliveries carry, and echoes them.</summary>
    public const string CheckYaml = """
        slug: ci-check
        title: CI check
        defaultLane: A
        risk: read
        parameters:
          - key: repo
            label: Repository
            type: string
            required: true
          - key: ref
            label: Ref
            type: string
          - key: branch
            label: Branch
            type: string
            pattern: ^[a-z0-9/._-]+$
          - key: sha
            label: Commit
            type: string
          - key: pr
            label: Pull request
            type: number
          - key: author
            label: Author
            type: string
          - key: action
            label: Action
            type: string
          - key: tag
            label: Tag
            type: string
          - key: note
            label: Note
            type: string
            default: none
        steps:
          - id: check
            title: Check the change
            phase: action
            action: echo
            inputs:
              message: Checking ${{ params.repo }} at ${{ params.sha }} (${{ params.note }}).
        """;

    /// <summary>The host's settings for webhooks, and for statuses when a fake GitHub is given.</summary>
    public static Dictionary<string, string?> Settings(FakeHttpServer? github = null)
    {
        var settings = new Dictionary<string, string?> { ["Orchestrator:GitHub:WebhookSecret"] = Secret };
        if (github is not null)
        {
            settings["Orchestrator:GitHub:BaseUrl"] = github.BaseAddress.ToString();
            settings["Orchestrator:GitHub:Token"] = Token;
            settings["Orchestrator:GitHub:RunLinkBaseUrl"] = RunLinks;
        }
        return settings;
    }

    /// <summary>A host taking deliveries (on SQLite, or on <paramref name="postgres"/>) with the <c>ci-check</c> template.</summary>
    public static async Task<ApiHost> StartWithTemplateAsync(FakeHttpServer? github = null, string? postgres = null)
    {
        var api = await ApiHost.StartAsync(postgres, Settings(github));
        using var created = await api.As("root:admin").SendYaml(HttpMethod.Post, "/api/templates", CheckYaml);
        await ApiClient.Expect(created, HttpStatusCode.Created);
        return api;
    }

    /// <summary>Creates a rule as an admin and returns its id.</summary>
    public static async Task<Guid> CreateTrigger(this ApiHost api, object rule)
    {
        using var response = await api.As("root:admin").Post("/api/triggers", rule);
        await ApiClient.Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<TriggerView>(ApiClient.Json))!.Id;
    }

    public static string Signature(string body, string secret = Secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static HttpRequestMessage Request(string gitHubEvent, string? deliveryId, string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", gitHubEvent);
        if (deliveryId is not null)
            request.Headers.Add("X-GitHub-Delivery", deliveryId);
        if (signature is not null)
            request.Headers.Add("X-Hub-Signature-256", signature);
        return request;
    }

    /// <summary>Delivers <paramref name="payload"/> signed, anonymously, and expects it queued; returns the delivery id.</summary>
    public static async Task<string> Deliver(this ApiHost api, string gitHubEvent, object payload, string? deliveryId = null)
    {
        deliveryId ??= Guid.NewGuid().ToString();
        var body = JsonSerializer.Serialize(payload);
        using var response = await api.As(null).Http.SendAsync(Request(gitHubEvent, deliveryId, body, Signature(body)));
        await ApiClient.Expect(response, HttpStatusCode.Accepted);
        return deliveryId;
    }

    /// <summary>Waits until the orchestrator has handled the delivery (evaluated every rule it matched).</summary>
    public static Task Handled(this ApiHost api, string deliveryId) =>
        Eventually.True(() => api.Query(db => db.GitHubDeliveries.AnyAsync(d => d.DeliveryId == deliveryId && d.HandledAt != null)),
            TimeSpan.FromSeconds(20), $"delivery {deliveryId} handled");

    /// <summary>The runs requested for a delivery, as an admin sees them.</summary>
    public static async Task<IReadOnlyList<RunSnapshot>> RunsOf(this ApiHost api, string deliveryId)
    {
        var key = $"github-{deliveryId}-";
        var ids = await api.Query(db => db.RunRequests.Where(r => r.IdempotencyKey!.StartsWith(key)).Select(r => r.RunId).ToListAsync());
        var admin = api.As("root:admin");
        var runs = new List<RunSnapshot>();
        foreach (var id in ids)
            runs.Add(await admin.GetRun(id));
        return runs;
    }

    public static object Repository(string fullName) => new { full_name = fullName, name = fullName.Split('/')[1], owner = new { login = fullName.Split('/')[0] } };

    public static object Push(string repository = "acme/shop", string gitRef = "refs/heads/main", string sender = "octocat") => new
    {
        @ref = gitRef,
        before = "0000000000000000000000000000000000000000",
        after = Sha,
        created = true,
        deleted = false,
        pusher = new { name = "pusher-name", email = "pusher@example.com" },
        repository = Repository(repository),
        sender = new { login = sender },
    };

    public static object PullRequest(string action, int number = 42, string head = "feature/login", string baseBranch = "main", string repository = "acme/shop") => new
    {
        action,
        number,
        pull_request = new
        {
            number,
            user = new { login = "pr-author" },
            head = new { @ref = head, sha = Sha },
            @base = new { @ref = baseBranch, sha = "ffffffffffffffffffffffffffffffffffffffff" },
        },
        repository = Repository(repository),
        sender = new { login = "octocat" },
    };

    public static object WorkflowRun(string action, string headBranch = "main") => new
    {
        action,
        workflow_run = new { id = 30433642, name = "Build", head_branch = headBranch, head_sha = Sha, status = "completed", conclusion = "success", actor = new { login = "ci-actor" } },
        repository = Repository("acme/shop"),
        sender = new { login = "octocat" },
    };

    public static object Release(string action, string tag = "v1.2.0") => new
    {
        action,
        release = new { id = 1, tag_name = tag, target_commitish = "main", author = new { login = "releaser" } },
        repository = Repository("acme/shop"),
        sender = new { login = "octocat" },
    };
}
