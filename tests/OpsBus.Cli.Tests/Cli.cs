using Spectre.Console;

namespace OpsBus.Cli.Tests;

/// <summary>
/// Runs <c>opsbus</c> command lines in this process as the tool would: Spectre's console and the JSON writer share one
/// captured standard output (so "nothing but JSON on stdout" is what the test sees), with only the given environment.
/// </summary>
public static class Cli
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> args,
        CancellationToken cancellationToken = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var stdout = TextWriter.Synchronized(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(stdout),
        });
        console.Profile.Width = 240;
        var context = new CliContext(console, stdout, TextWriter.Synchronized(error), name => environment.GetValueOrDefault(name), IsInteractive: false);

        var exitCode = await CliApp.RunAsync(args, context, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
