using Microsoft.Extensions.Configuration;
using OpsBus.Runbooks.Secrets;

namespace OpsBus.Orchestrator.Templates;

/// <summary>
/// Embedded mode keeps its secrets key next to its databases: unless <c>Secrets:Key</c> is configured, it is read
/// from <c>secrets.key</c> in the data directory, which is created with a new random key (readable by the owner
/// only) on first start. The same process seals (orchestrator) and opens (lane workers), so one key serves both.
/// </summary>
public static class SecretsKeyFile
{
    public const string FileName = "secrets.key";

    /// <summary>Sets <c>Secrets:Key</c> for the whole process from the key file; call before adding the services.</summary>
    public static IConfigurationManager UseSecretsKeyFile(this IConfigurationManager configuration, string dataDirectory)
    {
        var setting = $"{SecretsOptions.SectionName}:{nameof(SecretsOptions.Key)}";
        if (!string.IsNullOrWhiteSpace(configuration[setting]))
            return configuration;
        configuration.AddInMemoryCollection([KeyValuePair.Create(setting, (string?)ReadOrCreate(dataDirectory))]);
        return configuration;
    }

    private static string ReadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            try
            {
                using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
                writer.Write(SecretProtector.NewKey());
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use its key.
            }
        }

        var key = File.ReadAllText(path).Trim();
        // Fail at start, naming the file, rather than at the first secret.
        try
        {
            SecretProtector.FromBase64(key);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{path} does not hold a secrets key: {e.Message}", e);
        }
        return key;
    }
}
