using System.CommandLine;

namespace OpsBus.Cli.Commands;

/// <summary>
/// Runs a command's body with an <see cref="Invocation"/> and turns how it ends into an exit code: a
/// <see cref="CliException"/> is one line on standard error with its code; Ctrl+C ends with 130, as shells expect.
/// </summary>
public static class CommandActions
{
    public const int Interrupted = 130;

    public static Command WithAction(this Command command, GlobalOptions options, CliContext context, Func<Invocation, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var invocation = new Invocation(parse, options, context);
            try
            {
                return await body(invocation, cancellationToken);
            }
            catch (CliException e)
            {
                await context.Error.WriteLineAsync($"opsbus: {e.Message}");
                return e.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync("opsbus: interrupted.");
                return Interrupted;
            }
        });
        return command;
    }

    /// <summary>A run id argument as a GUID, or a usage error naming what was given.</summary>
    public static Guid RunId(string value, string what = "run") =>
        Guid.TryParse(value, out var id) ? id : throw CliException.Usage($"'{value}' is not a {what} id (a GUID such as 0b9d6c1e-...).");
}
