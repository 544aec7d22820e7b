using System.CommandLine;
using Microsoft.Extensions.Hosting;
using OpsBus.Cli.Embedded;
using OpsBus.Gateway.Host.Extensions;

namespace OpsBus.Cli.Commands;

/// <summary>
/// <c>opsbus up</c>: the whole system in this process (embedded mode, SQLite in the data folder) until Ctrl+C. It
/// prints where it listens and, the first time, a generated admin key. Other arguments are ASP.NET Core settings.
/// </summary>
public static class UpCommand
{
    public static Command Create(GlobalOptions options, CliContext context)
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen ({EmbeddedSystem.DefaultUrl} by default)." };
        var dataDirectory = new Option<DirectoryInfo?>("--data-dir")
        {
            Description = $"Where the SQLite files and artifacts live ({EdgeExtensions.DataDirectorySetting}, else ./{EdgeExtensions.DefaultDataDirectory}).",
        };
        var command = new Command("up", "Run OpsBus in this process (embedded mode) until Ctrl+C. Further --Section:Key=value arguments are settings.")
        {
            urls,
            dataDirectory,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var settings = new List<string>(invocation.Parse.UnmatchedTokens);
            if (invocation.Value(urls) is { } listen)
                settings.Add($"--urls={listen}");
            if (invocation.Value(dataDirectory) is { } folder)
                settings.Add($"--{EdgeExtensions.DataDirectorySetting}={folder.FullName}");

            await using var app = EmbeddedSystem.Build([.. settings], invocation.Context.Out);
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        });
    }
}
