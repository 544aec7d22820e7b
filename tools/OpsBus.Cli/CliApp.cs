using System.CommandLine;
using OpsBus.Cli.Commands;

namespace OpsBus.Cli;

/// <summary>The <c>opsbus</c> command line: parse, then run the command against <see cref="CliContext"/>.</summary>
public static class CliApp
{
    public static RootCommand CreateRoot(CliContext context)
    {
        var options = new GlobalOptions();
        var root = new RootCommand("OpsBus from the command line: run runbooks, follow them live, manage templates and artifacts.")
        {
            options.Url,
            options.ApiKey,
            options.Json,
            UpCommand.Create(options, context),
            RunCommand.Create(options, context),
            DoCommand.Create(options, context),
            RunsCommand.Create(options, context),
            TemplatesCommand.Create(options, context),
            ArtifactsCommand.Create(options, context),
        };
        return root;
    }

    /// <summary>
    /// Runs one command line to its exit code (see <see cref="ExitCodes"/>): a line that does not parse is a usage
    /// error (2), told on standard error. <paramref name="processTermination"/> lets Ctrl+C stop the command gracefully
    /// within that time; in-process callers leave it null and cancel <paramref name="cancellationToken"/> instead.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken = default,
        TimeSpan? processTermination = null)
    {
        var parse = CreateRoot(context).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                await context.Error.WriteLineAsync($"opsbus: {error.Message}");
            await context.Error.WriteLineAsync("Run 'opsbus --help' for usage.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            ProcessTerminationTimeout = processTermination,
        };
        return await parse.InvokeAsync(invocation, cancellationToken);
    }
}
