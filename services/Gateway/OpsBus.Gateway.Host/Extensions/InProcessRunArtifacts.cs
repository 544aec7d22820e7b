using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpsBus.Artifacts;
using OpsBus.Artifacts.Api;
using OpsBus.Artifacts.Persistence;
using OpsBus.Artifacts.Runs;
using OpsBus.Artifacts.Storage;
using OpsBus.LaneWorker;
using OpsBus.LaneWorker.Actions;
using OpsBus.LaneWorker.Artifacts;

namespace OpsBus.Gateway.Host.Extensions;

/// <summary>
/// Embedded mode: the lane workers attach straight to the <see cref="ArtifactStore"/> in the same process, in a scope of
/// their own, as <c>worker:&lt;worker id&gt;</c>, with the checks the upload API makes (kind, link, size limit). Lives
/// here because this host is the one place that references both the lane worker and the artifacts service.
/// </summary>
internal sealed class InProcessRunArtifacts(IServiceScopeFactory scopes, IOptions<LaneWorkerOptions> options) : IRunArtifacts
{
    private const int MaxContentTypeLength = 256;

    private string CreatedBy => WorkerCaller.NameOf(options.Value.WorkerId);

    public async Task<AttachedArtifact> AttachAsync(
        Guid runId, string name, string kind, string contentType, Stream content, CancellationToken cancellationToken)
    {
        if (!ArtifactKinds.IsContent(kind))
            throw new StepFailedException($"'{kind}' is not a kind of content: use {ArtifactKinds.File}, {ArtifactKinds.Diff}, {ArtifactKinds.Markdown} or {ArtifactKinds.Json}.", retryable: false);
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || contentType.Length > MaxContentTypeLength)
            throw new StepFailedException($"'{contentType}' is not a content type.", retryable: false);

        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ArtifactStore>();
        var owner = await OwnerOf(scope, runId, cancellationToken);
        try
        {
            return From(await store.StoreContentAsync(
                runId, owner, kind, ArtifactNames.Sanitise(name), mediaType.ToString(), content, CreatedBy, cancellationToken));
        }
        catch (ArtifactTooLargeException e)
        {
            throw new StepFailedException(e.Message, retryable: false);
        }
    }

    public async Task<AttachedArtifact> AttachLinkAsync(Guid runId, string name, Uri url, CancellationToken cancellationToken)
    {
        if (new LinkArtifactRequest(ArtifactKinds.Link, name, url.AbsoluteUri).Problem() is var (_, message))
            throw new StepFailedException(message, retryable: false);

        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ArtifactStore>();
        var owner = await OwnerOf(scope, runId, cancellationToken);
        return From(await store.StoreLinkAsync(runId, owner, ArtifactNames.Sanitise(name), url.AbsoluteUri, CreatedBy, cancellationToken));
    }

    /// <summary>Null while the artifacts service has not heard of the run yet; the owner is filled in when it does.</summary>
    private static Task<string?> OwnerOf(AsyncServiceScope scope, Guid runId, CancellationToken cancellationToken) =>
        scope.ServiceProvider.GetRequiredService<RunOwners>().RecordedAsync(runId, cancellationToken);

    private static AttachedArtifact From(ArtifactRecord record) =>
        new(record.Id, record.Name, record.Kind, record.ContentType, record.Size, record.Sha256, record.Url);
}

public static class InProcessRunArtifactsExtensions
{
    /// <summary>Embedded mode: the in-process lane workers attach artifacts to the in-process artifacts service.</summary>
    public static IHostApplicationBuilder AddInProcessRunArtifacts(this IHostApplicationBuilder builder)
    {
        builder.Services.Replace(ServiceDescriptor.Singleton<IRunArtifacts, InProcessRunArtifacts>());
        return builder;
    }
}
