using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>
/// Sets commit statuses through Octokit on <c>Orchestrator:GitHub:BaseUrl</c> with its token, over the
/// <see cref="ClientName"/> HttpClient pipeline (so its calls are traced like every other outgoing call).
/// </summary>
internal sealed class GitHubStatuses(IHttpMessageHandlerFactory handlers, IOptions<GitHubTriggerOptions> options)
{
    public const string ClientName = "orchestrator.github";

    private static readonly ProductHeaderValue Product = new("OpsBus-Orchestrator");

    public async Task SetAsync(string repository, string sha, NewCommitStatus status, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (owner, name) = repository.Split('/') is [var o, var n] ? (o, n) : throw new ArgumentException($"'{repository}' is not owner/name.", nameof(repository));
        using var http = new HttpClientAdapter(() => new CancellingHandler(cancellationToken) { InnerHandler = handlers.CreateHandler(ClientName) });
        var credentials = new Credentials(settings.Token, AuthenticationType.Bearer);
        var connection = new Connection(Product, settings.BaseUrl, new InMemoryCredentialStore(credentials), http, new SimpleJsonSerializer());
        await new GitHubClient(connection).Repository.Status.Create(owner, name, sha, status);
    }

    /// <summary>Octokit's methods take no token: this links the consumer's into every request.</summary>
    private sealed class CancellingHandler(CancellationToken consumer) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, consumer);
            return await base.SendAsync(request, linked.Token);
        }
    }
}
