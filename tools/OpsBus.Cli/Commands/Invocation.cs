using System.CommandLine;
using OpsBus.Cli.Api;
using OpsBus.Cli.Configuration;
using Spectre.Console;

namespace OpsBus.Cli.Commands;

/// <summary>One command being run: its parsed line, the context, and the API client built from the settled settings.</summary>
public sealed class Invocation(ParseResult parse, GlobalOptions options, CliContext context) : IDisposable
{
    private OpsBusClient? _client;

    public ParseResult Parse { get; } = parse;

    public CliContext Context { get; } = context;

    public IAnsiConsole Console => Context.Console;

    /// <summary>Whether the output is JSON for scripts rather than tables for people.</summary>
    public bool Json => Parse.GetValue(options.Json);

    public OpsBusClient Client => _client ??= new OpsBusClient(
        SettingsResolver.Resolve(Parse.GetValue(options.Url), Parse.GetValue(options.ApiKey), Context.Environment));

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    public void Dispose() => _client?.Dispose();
}
