using OpsBus.Cli.Configuration;

namespace OpsBus.Cli.Tests;

public sealed class When_settings_come_from_several_places : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opsbus-cli-config-").FullName;

    [Fact]
    public void Should_prefer_flags_then_the_environment_then_the_config_file()
    {
        var file = WriteConfig("""{ "url": "http://file.example:5080", "apiKey": "file-key" }""");
        var environment = Environment(("OPSBUS_CONFIG", file), ("OPSBUS_URL", "http://env.example:5080"), ("OPSBUS_API_KEY", "env-key"));

        var fromFlags = SettingsResolver.Resolve("http://flag.example:5080", "flag-key", environment);
        var fromEnvironment = SettingsResolver.Resolve(null, null, environment);
        var fromFile = SettingsResolver.Resolve(null, null, Environment(("OPSBUS_CONFIG", file)));
        var mixed = SettingsResolver.Resolve("http://flag.example:5080", null, Environment(("OPSBUS_CONFIG", file)));

        Assert.Equal(new CliSettings(new Uri("http://flag.example:5080"), "flag-key"), fromFlags);
        Assert.Equal(new CliSettings(new Uri("http://env.example:5080"), "env-key"), fromEnvironment);
        Assert.Equal(new CliSettings(new Uri("http://file.example:5080"), "file-key"), fromFile);
        Assert.Equal(new CliSettings(new Uri("http://flag.example:5080"), "file-key"), mixed);
    }

    [Fact]
    public void Should_read_the_file_under_home_and_default_the_url_to_opsbus_up()
    {
        Directory.CreateDirectory(Path.Combine(_folder, ".config", "opsbus"));
        File.WriteAllText(Path.Combine(_folder, ".config", "opsbus", "config.json"), """{ "apiKey": "home-key" }""");

        var settings = SettingsResolver.Resolve(null, null, Environment(("HOME", _folder)));

        Assert.Equal(new CliSettings(new Uri("http://127.0.0.1:5080"), "home-key"), settings);
    }

    [Fact]
    public void Should_refuse_with_a_usage_error_when_there_is_no_key_or_the_url_or_file_is_wrong()
    {
        var noKey = Assert.Throws<CliException>(() => SettingsResolver.Resolve(null, null, Environment(("HOME", _folder))));
        var badUrl = Assert.Throws<CliException>(() => SettingsResolver.Resolve("ftp://somewhere", "key", Environment(("HOME", _folder))));
        var badFile = Assert.Throws<CliException>(() => SettingsResolver.Resolve(null, null, Environment(("OPSBUS_CONFIG", WriteConfig("[1, 2")))));

        Assert.Equal(ExitCodes.Usage, noKey.ExitCode);
        Assert.Contains("OPSBUS_API_KEY", noKey.Message);
        Assert.Equal(ExitCodes.Usage, badUrl.ExitCode);
        Assert.Equal(ExitCodes.Usage, badFile.ExitCode);
    }

    [Fact]
    public void Should_never_show_the_key_when_printed()
    {
        var settings = new CliSettings(new Uri("http://127.0.0.1:5080"), "opsbus_secret_value_123456");

        Assert.DoesNotContain("opsbus_secret_value_123456", settings.ToString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
