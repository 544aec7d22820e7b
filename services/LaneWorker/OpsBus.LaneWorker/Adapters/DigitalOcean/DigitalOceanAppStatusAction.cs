using Microsoft.Extensions.Options;
using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.DigitalOcean;

/// <summary>
/// <c>digitalocean.app.status</c>: the phase of App Platform app <c>appId</c>: its in-progress deployment if one is running,
/// otherwise its active one. ERROR, CANCELED or no deployment at all fail for good.
/// Outputs <c>phase</c>, <c>deploymentId</c>, <c>url</c> (the live URL).
/// </summary>
public sealed class DigitalOceanAppStatusAction(IHttpClientFactory clients, IOptions<DigitalOceanOptions> options) : IRunAction
{
    private static readonly string[] FailedPhases = ["ERROR", "CANCELED"];

    public string Name => "digitalocean.app.status";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var appId = step.RequireString("appId");
        if (!appId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw step.Invalid($"input 'appId' is not an app id: '{appId}'.");

        var api = VendorApi.Connect(clients, options.Value);
        var app = (await api.GetAsync($"v2/apps/{appId}", cancellationToken)).Property("app") ?? default;
        var deployment = app.Property("in_progress_deployment") ?? app.Property("active_deployment");
        var url = app.String("live_url") ?? "";
        var name = app.Property("spec")?.String("name") ?? appId;
        if (deployment is not { } current)
            throw new StepFailedException($"DigitalOcean: app {name} has no deployment.", retryable: false);

        var phase = current.String("phase") ?? "UNKNOWN";
        var deploymentId = current.String("id") ?? "";
        step.Info($"app {name}: deployment {deploymentId} is {phase}{(url.Length > 0 ? $", live at {url}" : "")}");
        step.SetOutput("phase", phase);
        step.SetOutput("deploymentId", deploymentId);
        step.SetOutput("url", url);
        if (FailedPhases.Contains(phase))
            throw new StepFailedException($"DigitalOcean: deployment {deploymentId} of app {name} is {phase}.", retryable: false);
    }
}
