using System.Text.Json;

namespace OpsBus.EndToEnd.Tests;

/// <summary>The settings each service's host ships with (<c>services/*/*.Host/appsettings.json</c>).</summary>
public sealed class When_a_service_host_runs_with_its_shipped_settings
{
    private static readonly string[] Quiet = ["Warning", "Error", "Critical", "None"];

    [Fact]
    public void Should_not_log_every_database_statement()
    {
        var hosts = Directory.GetDirectories(Path.Combine(When_compose_configures_the_services.RepositoryRoot(), "services"))
            .SelectMany(service => Directory.GetDirectories(service, "*.Host"))
            .Select(host => Path.Combine(host, "appsettings.json"))
            .ToList();

        Assert.Equal(5, hosts.Count);
        foreach (var settings in hosts)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(settings));
            var levels = json.RootElement.GetProperty("Logging").GetProperty("LogLevel");
            // At Information, EF Core writes each command's SQL: a line or more per statement, thousands a minute under load.
            Assert.True(levels.TryGetProperty("Microsoft.EntityFrameworkCore", out var level) && Quiet.Contains(level.GetString()),
                $"{settings}: Logging:LogLevel:Microsoft.EntityFrameworkCore should be Warning or quieter");
        }
    }
}

/// <summary>How the services are started: the images (<c>compose/Dockerfile.*</c>) and <c>scripts/distributed.sh</c>.</summary>
public sealed class When_a_service_is_deployed
{
    private const string ImmediateTiering = "DOTNET_TC_CallCountingDelayMs=0";

    [Fact]
    public void Should_count_calls_for_tier_one_from_the_start_in_every_image_and_in_the_scripts()
    {
        var root = When_compose_configures_the_services.RepositoryRoot();
        var images = Directory.GetFiles(Path.Combine(root, "compose"), "Dockerfile.*");

        Assert.Equal(5, images.Length);
        // Left at its 100 ms, the delay restarts with every new tier-0 method: under load a service stays slow for 80 s.
        Assert.All(images, image => Assert.Contains("ENV " + ImmediateTiering, File.ReadAllLines(image)));
        Assert.Contains($"TIERING_ENV=({ImmediateTiering})", File.ReadAllLines(Path.Combine(root, "scripts", "distributed.sh")));
    }
}
