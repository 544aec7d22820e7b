using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using OpsBus.Testing;

namespace OpsBus.Cli.Tests;

/// <summary>
/// The embedded system started the way a person starts it, with <c>opsbus up</c>, on a free loopback port, a temporary
/// data folder and a known admin key; its URL is read from the banner <c>up</c> prints. Commands run against it with
/// <c>OPSBUS_URL</c> and <c>OPSBUS_API_KEY</c> set and no config file.
/// </summary>
public sealed partial class EmbeddedOpsBus : IAsyncLifetime
{
    public const string AdminKey = "opsbus_clitest_0123456789abcdefghijklmnopqrstuv";

    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _banner = new();
    private Task<int>? _up;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("opsbus-cli-").FullName;

    public string Url { get; private set; } = "";

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["OPSBUS_URL"] = Url,
        ["OPSBUS_API_KEY"] = AdminKey,
        ["OPSBUS_CONFIG"] = Path.Combine(DataDirectory, "no-config.json"),
    };

    public Task<CliResult> Run(params string[] args) => Cli.RunAsync(Environment, args);

    public Task<CliResult> Run(CancellationToken cancellationToken, params string[] args) => Cli.RunAsync(Environment, args, cancellationToken);

    public async Task InitializeAsync()
    {
        var output = TextWriter.Synchronized(_banner);
        var context = new CliContext(Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) }),
            output, output, _ => null, IsInteractive: false);
        _up = Task.Run(() => CliApp.RunAsync(
            ["up", "--urls", "http://127.0.0.1:0", "--data-dir", DataDirectory, $"--OPSBUS_BOOTSTRAP_ADMIN_KEY={AdminKey}",
                "--Logging:LogLevel:Default=Warning"],
            context, _stop.Token));

        Url = await Eventually.Get(() =>
        {
            if (_up.IsCompleted)
                throw new InvalidOperationException($"opsbus up ended with {_up.Result}: {_banner}");
            return Task.FromResult(Listening().Match(_banner.ToString()) is { Success: true } match ? match.Groups[1].Value : null);
        }, TimeSpan.FromSeconds(90), "opsbus up to print where it listens", TimeSpan.FromMilliseconds(100));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_up is not null)
            Assert.Equal(ExitCodes.Success, await _up);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"OpsBus is listening on (http://\S+)")]
    private static partial Regex Listening();
}

[CollectionDefinition(Name)]
public sealed class EmbeddedOpsBusCollection : ICollectionFixture<EmbeddedOpsBus>
{
    /// <summary>One embedded system for the command specs: starting it is the slow part, and the machine is shared.</summary>
    public const string Name = "opsbus up";
}
