namespace OpsBus.LaneWorker.Adapters.Supabase;

/// <summary>
/// Supabase's Management API; <c>Token</c> is a personal access token (<c>sbp_…</c>). Bound from <c>LaneWorker:Supabase</c>.
/// </summary>
public sealed class SupabaseOptions() : VendorOptions("Supabase", "https://api.supabase.com/")
{
    /// <summary>The project reference steps use when they do not say <c>projectRef</c>.</summary>
    public string? ProjectRef { get; set; }
}
