using System.CommandLine;

namespace OpsBus.Cli.Commands;

/// <summary>The options every command takes: where the API is, the key, and <c>--json</c>.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Url { get; } = new("--url")
    {
        Description = "The OpsBus URL (else OPSBUS_URL, the config file, or http://127.0.0.1:5080).",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "The API key (else OPSBUS_API_KEY or the config file). Prefer the environment: flags show in process lists.",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the API's JSON and nothing else on standard output.",
        Recursive = true,
    };
}
