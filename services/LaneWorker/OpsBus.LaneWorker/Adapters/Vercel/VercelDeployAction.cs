using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.Vercel;

/// <summary>
/// <c>vercel.deploy</c>: starts a deployment of <c>project</c> and waits until it is READY (fails for good on ERROR or
/// CANCELED). Either from git (<c>ref</c> plus <c>repo</c> as <c>org/name</c> or <c>repoId</c>, optional <c>target</c>)
/// through <c>POST /v13/deployments</c>, or by calling <c>deployHookUrl</c> and picking up the deployment the hook created.
/// Outputs <c>id</c>, <c>url</c>, <c>state</c>.
/// </summary>
public sealed class VercelDeployAction(VercelApi vercel, TimeProvider clock) : IRunAction
{
    public string Name => "vercel.deploy";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var options = vercel.Options;
        var project = step.StringOr("project", options.ProjectId);
        var hook = step.OptionalString("deployHookUrl");
        if (hook is not null && !(Uri.TryCreate(hook, UriKind.Absolute, out var hookUri) && hookUri.Scheme is "http" or "https"))
            throw step.Invalid("input 'deployHookUrl' must be an absolute http(s) URL.");
        var body = hook is null ? GitDeployment(step, project) : null;
        var schedule = new PollSchedule(clock,
            step.SecondsOr("pollSeconds", options.PollInterval, TimeSpan.FromMinutes(5)),
            step.SecondsOr("timeoutSeconds", options.WaitTimeout, TimeSpan.FromDays(1)));

        var api = vercel.Connect();
        var id = body is not null
            ? await Create(step, api, body, cancellationToken)
            : await TriggerHook(step, api, hook!, project, schedule, cancellationToken);

        var lastState = "";
        while (true)
        {
            var deployment = await api.GetAsync(vercel.Path($"v13/deployments/{Uri.EscapeDataString(id)}"), cancellationToken);
            var state = VercelApi.State(deployment);
            var url = VercelApi.Url(deployment);
            if (state != lastState)
                step.Info($"deployment {id} is {state}");
            lastState = state;
            switch (state)
            {
                case "READY":
                    step.SetOutput("id", id);
                    step.SetOutput("url", url);
                    step.SetOutput("state", state);
                    return;
                case "ERROR" or "CANCELED":
                    var reason = deployment.String("errorMessage") ?? deployment.String("errorCode");
                    throw new StepFailedException(api.Mask($"Vercel: deployment {id} ended {state}{(reason is null ? "" : $": {reason}")}"), retryable: false);
            }

            if (schedule.Expired)
                throw new StepFailedException($"Vercel: deployment {id} is still {state} after {schedule.Timeout.TotalSeconds:0.#} s.", retryable: true);
            await schedule.WaitAsync(cancellationToken);
        }
    }

    private static Dictionary<string, object> GitDeployment(StepContext step, string project)
    {
        var reference = step.OptionalString("ref") ?? throw step.Invalid("input 'ref' (or 'deployHookUrl') is required.");
        var source = new Dictionary<string, object> { ["type"] = step.OptionalString("gitProvider") ?? "github", ["ref"] = reference };
        if (step.OptionalString("repoId") is { } repoId)
            source["repoId"] = repoId;
        else if (step.OptionalString("repo") is { } repo)
        {
            var parts = repo.Split('/');
            if (parts is not [{ Length: > 0 } org, { Length: > 0 } name])
                throw step.Invalid($"input 'repo' must be 'org/name', got '{repo}'.");
            source["org"] = org;
            source["repo"] = name;
        }
        else
            throw step.Invalid("input 'repo' (org/name) or 'repoId' is required to deploy from git.");

        var body = new Dictionary<string, object> { ["name"] = project, ["project"] = project, ["gitSource"] = source };
        if (step.OptionalString("target") is { } target)
            body["target"] = target;
        return body;
    }

    private async Task<string> Create(StepContext step, VendorApi api, Dictionary<string, object> body, CancellationToken cancellationToken)
    {
        var created = await api.PostAsync(vercel.Path("v13/deployments"), body, cancellationToken);
        var id = VercelApi.Id(created) ?? throw new StepFailedException("Vercel: POST /v13/deployments answered without a deployment id.", retryable: false);
        step.Info($"created deployment {id} ({VercelApi.Url(created)})");
        return id;
    }

    /// <summary>A hook answers with a job, not a deployment: the deployment is the project's first one that was not there before.</summary>
    private async Task<string> TriggerHook(StepContext step, VendorApi api, string hook, string project, PollSchedule schedule, CancellationToken cancellationToken)
    {
        var before = (await vercel.Deployments(api, project, 20, cancellationToken)).Select(VercelApi.Id).ToHashSet();
        var job = await api.SendAsync(HttpMethod.Post, hook, null, cancellationToken, describeAs: "POST to the deploy hook");
        step.Info($"deploy hook accepted (job {job.Property("job")?.String("id") ?? "?"})");
        while (true)
        {
            var created = (await vercel.Deployments(api, project, 20, cancellationToken))
                .Select(VercelApi.Id)
                .LastOrDefault(id => id is not null && !before.Contains(id));
            if (created is not null)
            {
                step.Info($"the deploy hook started deployment {created}");
                return created;
            }

            if (schedule.Expired)
                throw new StepFailedException($"Vercel: no deployment of {project} appeared within {schedule.Timeout.TotalSeconds:0.#} s of the deploy hook.", retryable: true);
            await schedule.WaitAsync(cancellationToken);
        }
    }
}
