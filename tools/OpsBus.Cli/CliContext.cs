using Spectre.Console;

namespace OpsBus.Cli;

/// <summary>
/// What a command may touch outside itself, injected so tests drive the commands in-process: the console people read
/// (tables, progress, prompts), standard output for <c>--json</c>, standard error for the one-line failures, and the
/// environment the settings come from.
/// </summary>
/// <param name="Console">Where tables, progress and prompts go.</param>
/// <param name="Out">Standard output: only JSON is written here directly.</param>
/// <param name="Error">Standard error: failures and warnings, one line each.</param>
/// <param name="Environment">Reads an environment variable (<c>OPSBUS_URL</c>, <c>OPSBUS_API_KEY</c>, <c>OPSBUS_CONFIG</c>, <c>HOME</c>).</param>
/// <param name="IsInteractive">Whether a person can answer a prompt.</param>
public sealed record CliContext(IAnsiConsole Console, TextWriter Out, TextWriter Error, Func<string, string?> Environment, bool IsInteractive)
{
    /// <summary>The process's own terminal, environment and streams.</summary>
    public static CliContext FromProcess()
    {
        var interactive = !System.Console.IsInputRedirected && !System.Console.IsOutputRedirected;
        return new CliContext(AnsiConsole.Console, System.Console.Out, System.Console.Error, System.Environment.GetEnvironmentVariable, interactive);
    }
}
