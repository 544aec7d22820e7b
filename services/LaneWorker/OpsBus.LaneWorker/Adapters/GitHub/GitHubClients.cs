using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace OpsBus.LaneWorker.Adapters.GitHub;

/// <summary>
/// Octokit clients whose requests go through the <c>adapter.github</c> handler pipeline from <see cref="IHttpMessageHandlerFactory"/>
/// (timeouts, retries on 429/5xx honouring <c>Retry-After</c>), and are cancelled with the step: Octokit's own methods take
/// no token, so the handler links the step's token into every request.
/// </summary>
public sealed class GitHubClients(IHttpMessageHandlerFactory handlers, IOptions<GitHubOptions> options)
{
    private static readonly ProductHeaderValue Product = new("OpsBus-LaneWorker");

    public GitHubOptions Options => options.Value;

    /// <summary>A client for one step; fails non-retryably when no token is configured. Dispose it when the step ends.</summary>
    public GitHubSession Open(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var credentials = new Credentials(settings.RequireToken(), AuthenticationType.Bearer);
        var http = new HttpClientAdapter(() => new StepCancellationHandler(cancellationToken) { InnerHandler = handlers.CreateHandler(settings.ClientName) });
        // The pipeline's timeouts govern; HttpClient's own 100 s default would cut across them.
        http.SetRequestTimeout(Timeout.InfiniteTimeSpan);
        var connection = new Connection(Product, settings.BaseAddress, new InMemoryCredentialStore(credentials), http, new SimpleJsonSerializer());
        return new GitHubSession(new GitHubClient(connection), http, credentials.Password);
    }

    private sealed class StepCancellationHandler(CancellationToken step) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, step);
            return await base.SendAsync(request, linked.Token);
        }
    }
}
