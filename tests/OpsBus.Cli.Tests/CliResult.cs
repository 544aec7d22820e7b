using System.Text.Json;

namespace OpsBus.Cli.Tests;

/// <summary>How one <c>opsbus</c> command line ended: its exit code, standard output (tables and JSON alike) and standard error.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Standard output as one JSON document; fails the test when anything else was printed there.</summary>
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Out);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"Standard output is not one JSON document ({e.Message}):\n{Out}\nstderr:\n{Error}");
        }
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
