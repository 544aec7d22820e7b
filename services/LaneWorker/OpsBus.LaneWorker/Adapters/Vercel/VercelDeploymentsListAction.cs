using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.Vercel;

/// <summary>
/// <c>vercel.deployments.list</c>: logs the latest <c>limit</c> (default 10) deployments of <c>project</c>.
/// Outputs <c>count</c>, and of the newest one <c>latestId</c>, <c>latestUrl</c>, <c>latestState</c> (empty when there is none).
/// </summary>
public sealed class VercelDeploymentsListAction(VercelApi vercel) : IRunAction
{
    public string Name => "vercel.deployments.list";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var project = step.StringOr("project", vercel.Options.ProjectId);
        var limit = step.IntOr("limit", 10, 1, 100);

        var api = vercel.Connect();
        var deployments = await vercel.Deployments(api, project, limit, cancellationToken);
        foreach (var deployment in deployments)
        {
            var target = deployment.String("target") ?? "preview";
            step.Info(api.Mask($"{VercelApi.Id(deployment)} {VercelApi.State(deployment)} {target} {VercelApi.Url(deployment)}"));
        }

        step.Info($"{deployments.Count} deployment(s) of {project}");
        var latest = deployments.Count > 0 ? deployments[0] : default;
        step.SetOutput("count", deployments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        step.SetOutput("latestId", deployments.Count > 0 ? VercelApi.Id(latest) ?? "" : "");
        step.SetOutput("latestUrl", deployments.Count > 0 ? VercelApi.Url(latest) : "");
        step.SetOutput("latestState", deployments.Count > 0 ? VercelApi.State(latest) : "");
    }
}
