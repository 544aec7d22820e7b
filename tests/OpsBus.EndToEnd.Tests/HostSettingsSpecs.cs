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
