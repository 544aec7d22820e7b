namespace OpsBus.LaneWorker.Adapters.GitHub;

/// <summary>GitHub (or GitHub Enterprise: <c>https://ghe.example.com/api/v3/</c>). Bound from <c>LaneWorker:GitHub</c>.</summary>
public sealed class GitHubOptions() : VendorOptions("GitHub", "https://api.github.com/")
{
    /// <summary>The <c>owner/name</c> steps use when they do not say <c>repository</c>.</summary>
    public string? DefaultRepository { get; set; }

    /// <summary>How long <c>github.workflow.dispatch</c> looks for the run its dispatch created.</summary>
    public TimeSpan RunLookupTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public override string? Problem() =>
        base.Problem() ?? (RunLookupTimeout <= TimeSpan.Zero ? $"{SectionName}:RunLookupTimeout must be positive." : null);
}
