namespace OpsBus.LaneWorker.Adapters.Vercel;

/// <summary>Vercel's REST API. Bound from <c>LaneWorker:Vercel</c>.</summary>
public sealed class VercelOptions() : VendorOptions("Vercel", "https://api.vercel.com/")
{
    /// <summary>The team the token acts for (sent as <c>teamId</c> on every call); none for a personal account.</summary>
    public string? TeamId { get; set; }

    /// <summary>The project (id or name) steps use when they do not say <c>project</c>.</summary>
    public string? ProjectId { get; set; }
}
