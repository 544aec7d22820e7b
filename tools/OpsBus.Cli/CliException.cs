namespace OpsBus.Cli;

/// <summary>A failure told to the user as one line on standard error, ending the command with <see cref="ExitCode"/>.</summary>
public sealed class CliException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(message, ExitCodes.Usage);

    public static CliException Failure(string message) => new(message, ExitCodes.Failure);
}
