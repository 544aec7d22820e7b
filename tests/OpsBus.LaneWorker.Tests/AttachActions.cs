using OpsBus.LaneWorker.Actions;
using OpsBus.LaneWorker.Artifacts;

namespace OpsBus.LaneWorker.Tests;

/// <summary><c>test.attach.text</c>: attaches <c>text</c> as <c>name</c> of <c>kind</c> (default file), as plain text.</summary>
internal sealed class AttachTextAction : IRunAction
{
    public string Name => "test.attach.text";

    public Task ExecuteAsync(StepContext step, CancellationToken cancellationToken) =>
        step.AttachTextAsync(step.RequireString("name"), step.OptionalString("kind") ?? ArtifactKind.File, "text/plain; charset=utf-8",
            step.RequireString("text"), cancellationToken);
}

/// <summary><c>test.attach.stream</c>: streams <c>bytes</c> bytes of <see cref="PatternStream"/> (which cannot seek) as <c>name</c>.</summary>
internal sealed class AttachStreamAction : IRunAction
{
    public string Name => "test.attach.stream";

    public async Task ExecuteAsync(StepContext step, CancellationToken cancellationToken)
    {
        await using var content = new PatternStream((long)(step.OptionalNumber("bytes") ?? 0));
        await step.AttachFileAsync(step.RequireString("name"), ArtifactKind.File, "application/octet-stream", content, cancellationToken);
    }
}

/// <summary><c>test.attach.link</c>: attaches <c>url</c> as the link <c>name</c>.</summary>
internal sealed class AttachLinkAction : IRunAction
{
    public string Name => "test.attach.link";

    public Task ExecuteAsync(StepContext step, CancellationToken cancellationToken) =>
        step.AttachLinkAsync(step.RequireString("name"), new Uri(step.RequireString("url")), cancellationToken);
}
