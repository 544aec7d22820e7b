using System.Globalization;
using Microsoft.Extensions.Options;

namespace OpsBus.LaneWorker.Actions;

/// <summary>
/// <c>target.check</c>: GETs <c>path</c> (default <c>/health</c>) of <c>service</c> in <c>environment</c>, whose base URL
/// is configured as <c>LaneWorker:Targets:&lt;environment&gt;:&lt;service&gt;</c>, and expects <c>expectStatus</c>
/// (default 200). Outputs <c>status</c>, <c>latencyMs</c> and <c>url</c>.
/// </summary>
public sealed class TargetCheckAction(IHttpClientFactory httpClients, IOptions<LaneWorkerOptions> options, TimeProvider clock) : IRunAction
{
    public const string ClientName = "target.check";

    public string Name => ClientName;

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var environment = step.RequireString("environment");
        var service = step.RequireString("service");
        var path = step.OptionalString("path") ?? "/health";
        var expected = ExpectedStatus.Read(step, "expectStatus") ?? ExpectedStatus.Of(200);
        if (path.Contains("://", StringComparison.Ordinal))
            throw new StepFailedException($"Step '{step.Step.Id}': 'path' is a path on the target (like /health), not a URL.", retryable: false);
        var uri = Resolve(step, environment, service, path);

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var described = AdapterHttp.Describe(request);
        using var client = httpClients.CreateClient(Name);
        var started = clock.GetTimestamp();
        using var response = await client.SendForStepAsync(request, cancellationToken);
        var latency = clock.GetElapsedTime(started);
        var status = (int)response.StatusCode;

        step.Info($"{service} in {environment}: {described} → {status} ({latency.TotalMilliseconds:0} ms)");
        step.SetOutput("status", status.ToString(CultureInfo.InvariantCulture));
        step.SetOutput("latencyMs", ((long)latency.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        step.SetOutput("url", uri.GetLeftPart(UriPartial.Path));
        if (!expected.Matches(status))
            throw expected.Mismatch(described, status);
    }

    private Uri Resolve(StepContext step, string environment, string service, string path)
    {
        var key = $"{LaneWorkerOptions.SectionName}:Targets:{environment}:{service}";
        var baseUrl = options.Value.FindTarget(environment, service)
            ?? throw new StepFailedException($"Step '{step.Step.Id}': no URL for service '{service}' in environment '{environment}'; set {key} to its base URL.", retryable: false);
        var combined = baseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
        if (!Uri.TryCreate(combined, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new StepFailedException($"Step '{step.Step.Id}': {key} must be an absolute http(s) URL.", retryable: false);
        return uri;
    }
}
