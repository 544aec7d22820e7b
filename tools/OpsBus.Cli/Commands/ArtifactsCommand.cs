using System.CommandLine;
using System.Globalization;
using OpsBus.Artifacts.Api;
using OpsBus.Cli.Output;
using Spectre.Console;

namespace OpsBus.Cli.Commands;

/// <summary><c>opsbus artifacts ls &lt;run&gt;</c> and <c>opsbus artifacts get &lt;artifact&gt; [-o file]</c>.</summary>
public static class ArtifactsCommand
{
    public static Command Create(GlobalOptions options, CliContext context)
    {
        var artifacts = new Command("artifacts", "What runs produced: files, diffs, reports, links.");
        artifacts.Add(List(options, context));
        artifacts.Add(Get(options, context));
        return artifacts;
    }

    private static Command List(GlobalOptions options, CliContext context)
    {
        var run = RunsCommand.RunIdArgument();
        var command = new Command("ls", "List a run's artifacts.") { run };
        command.Aliases.Add("list");
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var list = await invocation.Client.ListArtifactsAsync(CommandActions.RunId(invocation.Value(run)), cancellationToken);
            if (invocation.Json)
            {
                JsonOutput.Write(invocation.Context.Out, list.Json);
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("Id", "Kind", "Name", "Type", "Size", "Created", "By");
            // Ids are copied into the next command: never wrapped.
            table.Columns[0].NoWrap = true;
            foreach (var a in list.Value)
                table.AddRow(Markup.Escape(a.Id.ToString()), Markup.Escape(a.Kind), Markup.Escape(a.Name), Markup.Escape(a.ContentType),
                    a.Url is null ? a.Size.ToString("N0", CultureInfo.InvariantCulture) : Markup.Escape(a.Url), RunTables.When(a.CreatedAt), Markup.Escape(a.CreatedBy));
            invocation.Console.Write(table);
            return ExitCodes.Success;
        });
    }

    private static Command Get(GlobalOptions options, CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The artifact's id." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to save it (its own name in this folder otherwise)." };
        var command = new Command("get", "Download an artifact's content; a link's URL is printed instead.") { id, output };
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var artifactId = CommandActions.RunId(invocation.Value(id), "artifact");
            var artifact = await invocation.Client.GetArtifactAsync(artifactId, cancellationToken);
            if (artifact.Value.Kind == ArtifactKinds.Link)
            {
                if (invocation.Json)
                    JsonOutput.Write(invocation.Context.Out, artifact.Json);
                else
                    invocation.Console.MarkupLineInterpolated($"{artifact.Value.Name} is a link: {artifact.Value.Url}");
                return ExitCodes.Success;
            }

            var target = invocation.Value(output) ?? new FileInfo(Path.Combine(Environment.CurrentDirectory, Path.GetFileName(artifact.Value.Name)));
            var written = await DownloadAsync(invocation, artifactId, target, cancellationToken);
            if (invocation.Json)
                JsonOutput.Write(invocation.Context.Out, artifact.Json);
            else
                invocation.Console.MarkupLineInterpolated($"Saved {artifact.Value.Name} ({written:N0} bytes) to {target.FullName}.");
            return ExitCodes.Success;
        });
    }

    /// <summary>Saves the content; a download that fails part-way leaves no partial file behind.</summary>
    private static async Task<long> DownloadAsync(Invocation invocation, Guid artifactId, FileInfo target, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = new FileStream(target.FullName, FileMode.Create, FileAccess.Write, FileShare.None);
            return await invocation.Client.DownloadArtifactAsync(artifactId, file, cancellationToken);
        }
        catch
        {
            target.Refresh();
            if (target.Exists)
                target.Delete();
            throw;
        }
    }
}
