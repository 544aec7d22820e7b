using System.Net;
using Octokit;
using OpsBus.LaneWorker.Actions;
using OpsBus.Runbooks.Secrets;
using Polly.Timeout;

namespace OpsBus.LaneWorker.Adapters.GitHub;

/// <summary>
/// One step's Octokit client, and the one place Octokit's exceptions become step failures: 429/5xx, rate limits, network
/// errors and timeouts are retryable (the pipeline already retried them); other 4xx are not. Messages never hold the token.
/// </summary>
public sealed class GitHubSession(IGitHubClient client, IDisposable http, string token) : IDisposable
{
    private readonly SecretMasker _masker = new([token]);

    public IGitHubClient Client { get; } = client;

    /// <summary>Runs one Octokit call, <paramref name="what"/> naming it in a failure.</summary>
    public async Task<T> Call<T>(string what, Func<IGitHubClient, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(Client);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (Failure(what, e) is { } failure)
        {
            throw failure;
        }
    }

    public Task Call(string what, Func<IGitHubClient, Task> call, CancellationToken cancellationToken) =>
        Call(what, async c =>
        {
            await call(c);
            return true;
        }, cancellationToken);

    public string Mask(string text) => _masker.Mask(text);

    private StepFailedException? Failure(string what, Exception e) => e switch
    {
        RateLimitExceededException or SecondaryRateLimitExceededException or AbuseException =>
            Failed(what, $"rate limited ({e.Message})", retryable: true),
        NotFoundException => Failed(what, "not found (HTTP 404)", retryable: false),
        ApiException api => Failed(what, $"HTTP {(int)api.StatusCode} ({api.ApiError?.Message ?? api.Message})",
            retryable: api.StatusCode == HttpStatusCode.TooManyRequests || (int)api.StatusCode >= 500),
        HttpRequestException => Failed(what, e.Message, retryable: true),
        TimeoutRejectedException or OperationCanceledException => Failed(what, "timed out", retryable: true),
        _ => null,
    };

    private StepFailedException Failed(string what, string detail, bool retryable) =>
        new(_masker.Mask($"GitHub: {what} failed: {detail}"), retryable);

    public void Dispose() => http.Dispose();
}
