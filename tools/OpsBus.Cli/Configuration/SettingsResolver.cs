namespace OpsBus.Cli.Configuration;

/// <summary>
/// Settles the URL and key: <c>--url</c>/<c>--api-key</c>, else <c>OPSBUS_URL</c>/<c>OPSBUS_API_KEY</c>, else the
/// <see cref="ConfigFile"/>; the URL defaults to where <c>opsbus up</c> listens. Each value is taken on its own, so
/// a flag can override just the URL of a configured file.
/// </summary>
public static class SettingsResolver
{
    public const string UrlVariable = "OPSBUS_URL";
    public const string ApiKeyVariable = "OPSBUS_API_KEY";
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static CliSettings Resolve(string? urlFlag, string? apiKeyFlag, Func<string, string?> environment)
    {
        var path = ConfigFile.PathIn(environment);
        var file = new Lazy<ConfigFile>(() => ConfigFile.Read(path));

        var url = FirstSet(urlFlag, environment(UrlVariable)) ?? FirstSet(file.Value.Url) ?? DefaultUrl;
        var apiKey = FirstSet(apiKeyFlag, environment(ApiKeyVariable)) ?? FirstSet(file.Value.ApiKey)
            ?? throw CliException.Usage($"No API key: pass --api-key, set {ApiKeyVariable}, or put \"apiKey\" in {path}.");

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw CliException.Usage($"'{url}' is not an http(s) URL of an OpsBus server.");
        return new CliSettings(uri, apiKey.Trim());
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
