using System.Reflection;
using System.Text.RegularExpressions;
using OpsBus.Artifacts;
using OpsBus.Gateway;
using OpsBus.Gateway.Proxy;
using OpsBus.LaneWorker;
using OpsBus.Notifier;
using OpsBus.Orchestrator;
using OpsBus.Orchestrator.Templates;
using OpsBus.ServiceDefaults;

namespace OpsBus.EndToEnd.Tests;

/// <summary>
/// compose/docker-compose.yml configures the services only through environment variables named after their
/// configuration keys (<c>Section__Property</c>); a typo there silently falls back to a default, so this checks
/// every such name against the options classes.
/// </summary>
public sealed partial class When_compose_configures_the_services
{
    private static readonly Dictionary<string, Type> Sections = new()
    {
        [BusOptions.SectionName] = typeof(BusOptions),
        [OrchestratorOptions.SectionName] = typeof(OrchestratorOptions),
        [LaneWorkerOptions.SectionName] = typeof(LaneWorkerOptions),
        [GatewayOptions.SectionName] = typeof(GatewayOptions),
        [NotifierOptions.SectionName] = typeof(NotifierOptions),
        [InternalSecretOptions.SectionName] = typeof(InternalSecretOptions),
        [SecretsOptions.SectionName] = typeof(SecretsOptions),
        [ArtifactsOptions.SectionName] = typeof(ArtifactsOptions),
    };

    /// <summary>Variables read directly, not through an options section, or read by the images themselves.</summary>
    private static readonly HashSet<string> Plain =
    [
        "OPSBUS_BOOTSTRAP_ADMIN_KEY", "RABBITMQ_DEFAULT_USER", "RABBITMQ_DEFAULT_PASS", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB",
    ];

    [Fact]
    public void Should_name_only_configuration_keys_that_exist()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryRoot(), "compose", "docker-compose.yml"));
        var names = EnvironmentNames(compose);

        Assert.Contains("Orchestrator__ConnectionString", names);
        Assert.Contains("Gateway__Mode", names);
        Assert.Contains("Secrets__Key", names);
        Assert.Contains("Artifacts__ConnectionString", names);
        Assert.Contains("Gateway__ArtifactsAddress", names);
        Assert.Contains("LaneWorker__ArtifactsAddress", names);
        foreach (var name in names)
        {
            if (Plain.Contains(name))
                continue;
            var parts = name.Split("__");
            Assert.True(parts.Length >= 2 && Sections.ContainsKey(parts[0]), $"{name}: no options section '{parts[0]}'");
            var type = Sections[parts[0]];
            foreach (var part in parts.Skip(1))
            {
                var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance);
                Assert.True(property is { CanWrite: true }, $"{name}: {type.Name} has no settable property '{part}'");
                type = property!.PropertyType;
            }
        }
    }

    [Fact]
    public void Should_enable_the_durable_pieces_in_distributed_mode()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryRoot(), "compose", "docker-compose.yml"));
        Assert.Contains("Orchestrator__Database: Postgres", compose);
        Assert.Contains("Bus__Transport: RabbitMq", compose);
        Assert.Contains("Gateway__Mode: Distributed", compose);
        Assert.Contains("Artifacts__Database: Postgres", compose);
        Assert.Contains("replicas: 2", compose);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpsBus.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("OpsBus.sln not found");
    }

    /// <summary>The keys inside every <c>environment:</c> block and the shared <c>x-bus</c> and <c>x-secrets</c> anchors.</summary>
    private static List<string> EnvironmentNames(string compose)
    {
        var names = new List<string>();
        int? blockIndent = null;
        foreach (var line in compose.Split('\n'))
        {
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
                continue;
            var indent = line.Length - line.TrimStart().Length;
            var trimmed = line.Trim();
            if (blockIndent is { } block && indent > block)
            {
                var entry = EnvironmentEntry().Match(trimmed);
                if (entry.Success)
                    names.Add(entry.Groups["name"].Value);
                continue;
            }
            blockIndent = trimmed is "environment:" || trimmed.StartsWith("x-bus:", StringComparison.Ordinal) || trimmed.StartsWith("x-secrets:", StringComparison.Ordinal)
                ? indent
                : null;
        }
        return names.Distinct().ToList();
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*):\s")]
    private static partial Regex EnvironmentEntry();
}
