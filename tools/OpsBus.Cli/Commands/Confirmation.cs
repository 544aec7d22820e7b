using Spectre.Console;

namespace OpsBus.Cli.Commands;

/// <summary>Asking a person before acting: <c>--yes</c> answers for them; without a person to ask (or with <c>--json</c>) it refuses.</summary>
internal static class Confirmation
{
    public static async Task<bool> AskAsync(Invocation invocation, bool yes, string question, CancellationToken cancellationToken)
    {
        if (yes)
            return true;
        if (!invocation.Context.IsInteractive || invocation.Json)
            throw CliException.Usage($"{question} Nobody can answer here: add --yes to confirm.");
        return await invocation.Console.ConfirmAsync(question, defaultValue: false, cancellationToken);
    }
}
