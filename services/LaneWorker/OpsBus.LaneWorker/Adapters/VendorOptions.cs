using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters;

/// <summary>
/// What every vendor adapter is configured with, bound from <c>LaneWorker:&lt;Vendor&gt;</c>. The token is a credential:
/// it is only ever put in an <c>Authorization</c> header, never in logs, outputs or errors.
/// </summary>
public abstract class VendorOptions(string vendor, string baseUrl)
{
    /// <summary>The vendor as messages name it, e.g. <c>Vercel</c>.</summary>
    public string Vendor { get; } = vendor;

    /// <summary>The vendor's API root; point it at a fake server or an enterprise installation.</summary>
    public Uri BaseUrl { get; set; } = new(baseUrl);

    /// <summary>The API credential (sent as a bearer token).</summary>
    public string? Token { get; set; }

    /// <summary>How often an action that waits for the vendor asks again, unless the step says <c>pollSeconds</c>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an action waits for the vendor to finish, unless the step says <c>timeoutSeconds</c>.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public string SectionName => $"{LaneWorkerOptions.SectionName}:{Vendor}";

    /// <summary>The named <see cref="HttpClient"/> of this vendor.</summary>
    public string ClientName => $"adapter.{Vendor.ToLowerInvariant()}";

    /// <summary>The base URL as a base address: relative paths resolve under it only when it ends with a slash.</summary>
    public Uri BaseAddress => BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");

    /// <summary>The token, or a non-retryable failure saying how to configure it.</summary>
    public string RequireToken() =>
        string.IsNullOrWhiteSpace(Token)
            ? throw new StepFailedException(
                $"{Vendor} is not configured: set {SectionName}:Token (environment variable LaneWorker__{Vendor}__Token).", retryable: false)
            : Token;

    /// <summary>Null when the options are usable, otherwise what is wrong.</summary>
    public virtual string? Problem() =>
        BaseUrl is not { IsAbsoluteUri: true, Scheme: "http" or "https" } ? $"{SectionName}:BaseUrl must be an absolute http(s) URL."
        : PollInterval <= TimeSpan.Zero ? $"{SectionName}:PollInterval must be positive."
        : WaitTimeout <= TimeSpan.Zero ? $"{SectionName}:WaitTimeout must be positive."
        : null;
}
