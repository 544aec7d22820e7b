using OpsBus.LaneWorker.Actions;
using OpsBus.LaneWorker.Artifacts;

namespace OpsBus.LaneWorker.Adapters.Vercel;

/// <summary>
/// <c>vercel.logs</c>: writes the build events of <c>deployment</c> (id or URL) to the run's log, at most <c>limit</c>
/// (default 100); stderr lines are logged as errors. Outputs <c>count</c> and attaches the lines it read as the file
/// artifact <c>vercel-&lt;deployment&gt;.log</c>.
/// </summary>
public sealed class VercelLogsAction(VercelApi vercel) : IRunAction
{
    public string Name => "vercel.logs";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var deployment = step.RequireString("deployment");
        var limit = step.IntOr("limit", 100, 1, 10_000);
        var reference = Uri.TryCreate(deployment, UriKind.Absolute, out var url) ? url.Host : deployment;

        var api = vercel.Connect();
        var events = await api.GetAsync(vercel.Path($"v3/deployments/{Uri.EscapeDataString(reference)}/events",
            ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("builds", "1")), cancellationToken);

        var count = 0;
        var read = new System.Text.StringBuilder();
        foreach (var item in events.Items().Take(limit))
        {
            var text = item.Property("payload")?.String("text") ?? item.String("text");
            if (text is null)
                continue;
            var level = item.String("type") is "stderr" or "error" ? "error" : "info";
            var masked = api.Mask(text);
            step.Log(level, masked);
            read.Append(masked).Append('\n');
            count++;
        }

        step.Info($"{count} log line(s) of {reference}");
        step.SetOutput("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await step.AttachTextAsync($"vercel-{reference}.log", ArtifactKind.File, "text/plain; charset=utf-8", read.ToString(), cancellationToken);
    }
}
