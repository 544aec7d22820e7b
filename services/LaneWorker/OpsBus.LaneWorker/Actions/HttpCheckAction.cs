namespace OpsBus.LaneWorker.Actions;

/// <summary><c>http.check</c>: GETs <c>url</c> and expects <c>expectStatus</c> (default 200). Network errors are retryable.</summary>
public sealed class HttpCheckAction(IHttpClientFactory httpClients) : IRunAction
{
    public const string ClientName = "http.check";

    public string Name => ClientName;

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        var url = step.RequireString("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new StepFailedException($"Step '{step.Step.Id}': 'url' must be an absolute http(s) URL.", false);
        var expected = (int)(step.OptionalNumber("expectStatus") ?? 200);

        using var client = httpClients.CreateClient(Name);
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new StepFailedException($"GET {uri.GetLeftPart(UriPartial.Path)} failed: {e.Message}", retryable: true);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            step.Info($"GET {uri.GetLeftPart(UriPartial.Path)} → {status}");
            if (status != expected)
                throw new StepFailedException($"expected HTTP {expected}, got {status}", retryable: status >= 500);
        }
    }
}
