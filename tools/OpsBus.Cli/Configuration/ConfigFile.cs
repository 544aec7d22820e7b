using System.Text.Json;

namespace OpsBus.Cli.Configuration;

/// <summary>
/// The optional settings file: <c>OPSBUS_CONFIG</c>, else <c>~/.config/opsbus/config.json</c>, holding
/// <c>{ "url": "http://127.0.0.1:5080", "apiKey": "opsbus_..." }</c>.
/// </summary>
public sealed record ConfigFile(string? Url, string? ApiKey)
{
    public const string PathVariable = "OPSBUS_CONFIG";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The file's path for this environment; it need not exist.</summary>
    public static string PathIn(Func<string, string?> environment)
    {
        if (environment(PathVariable) is { Length: > 0 } configured)
            return configured;
        var home = environment("HOME") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".config", "opsbus", "config.json");
    }

    /// <summary>The file's settings; none when it does not exist. A file that is not such an object is a usage error.</summary>
    public static ConfigFile Read(string path)
    {
        if (!File.Exists(path))
            return new ConfigFile(null, null);
        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), Json) ?? new ConfigFile(null, null);
        }
        catch (JsonException e)
        {
            throw CliException.Usage($"The config file {path} is not a JSON object with \"url\" and \"apiKey\": {e.Message}");
        }
    }
}
