using OpsBus.Artifacts;
using OpsBus.LaneWorker;
using OpsBus.Notifier;
using OpsBus.Notifier.Notifications;
using OpsBus.Orchestrator;
using OpsBus.Orchestrator.Templates;
using OpsBus.ServiceDefaults;

namespace OpsBus.Gateway.Host.Extensions;

/// <summary>
/// The one public process. Embedded (default): the gateway with the orchestrator, lane workers for A–D, the
/// artifacts service and the notifier in-process on the in-memory bus and SQLite. Distributed: the gateway alone, proxying to the services.
/// </summary>
public static class EdgeExtensions
{
    public const string DataDirectorySetting = "OPSBUS_DATA_DIR";
    public const string DefaultDataDirectory = ".opsbus-data";
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddOpsBusEdge(this WebApplicationBuilder builder)
    {
        builder.ListenByDefaultOn(DefaultUrl);
        var dataDirectory = builder.UseDataDirectory();
        builder.AddGateway();
        if (!IsEmbedded(builder.Configuration))
            return builder;

        // The orchestrator seals secret parameters and the lane workers open them: in one process, one key file.
        builder.Configuration.UseSecretsKeyFile(dataDirectory);
        builder.AddOrchestrator();
        builder.AddLaneWorker();
        builder.AddNotifier();
        builder.AddNotifications();
        builder.AddArtifacts();
        builder.AddInProcessRunArtifacts();
        builder.AddOpsBusMessaging();
        return builder;
    }

    public static WebApplication MapOpsBusEdge(this WebApplication app)
    {
        app.MapGateway();
        if (!IsEmbedded(app.Configuration))
            return app;

        app.MapOrchestratorApi();
        app.MapArtifactsApi();
        app.MapNotifierHub();
        app.MapNotificationsApi();
        return app;
    }

    private static bool IsEmbedded(IConfiguration configuration) =>
        configuration.GetValue($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.Mode)}", GatewayMode.Embedded) == GatewayMode.Embedded;

    /// <summary>
    /// The SQLite files (<c>gateway.db</c>, and in embedded mode <c>orchestrator.db</c>, <c>artifacts.db</c>, <c>notifier.db</c> and the
    /// <c>artifacts</c> folder) live in <c>OPSBUS_DATA_DIR</c>
    /// (default <c>./.opsbus-data</c>) unless their connection strings are configured. Returns the folder.
    /// </summary>
    private static string UseDataDirectory(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var defaults = new Dictionary<string, string>();
        if (configuration.GetValue($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.Database)}", GatewayDatabase.Sqlite) == GatewayDatabase.Sqlite)
            defaults[$"{GatewayOptions.SectionName}:{nameof(GatewayOptions.ConnectionString)}"] = "gateway.db";
        if (IsEmbedded(configuration)
            && configuration.GetValue($"{OrchestratorOptions.SectionName}:{nameof(OrchestratorOptions.Database)}", DatabaseProvider.Sqlite) == DatabaseProvider.Sqlite)
            defaults[$"{OrchestratorOptions.SectionName}:{nameof(OrchestratorOptions.ConnectionString)}"] = "orchestrator.db";
        if (IsEmbedded(configuration)
            && configuration.GetValue($"{ArtifactsOptions.SectionName}:{nameof(ArtifactsOptions.Database)}", ArtifactsDatabase.Sqlite) == ArtifactsDatabase.Sqlite)
            defaults[$"{ArtifactsOptions.SectionName}:{nameof(ArtifactsOptions.ConnectionString)}"] = "artifacts.db";
        if (IsEmbedded(configuration)
            && configuration.GetValue($"{NotificationsOptions.SectionName}:{nameof(NotificationsOptions.Database)}", NotificationsDatabase.Sqlite) == NotificationsDatabase.Sqlite)
            defaults[$"{NotificationsOptions.SectionName}:{nameof(NotificationsOptions.ConnectionString)}"] = "notifier.db";
        var configured = configuration[DataDirectorySetting];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultDataDirectory : configured);
        var unset = defaults.Where(setting => configuration[setting.Key] is null).ToList();
        if (unset.Count == 0 && !IsEmbedded(configuration))
            return directory;

        Directory.CreateDirectory(directory);
        var values = unset.Select(setting => KeyValuePair.Create(setting.Key, (string?)$"Data Source={Path.Combine(directory, setting.Value)}")).ToList();
        var artifactFiles = $"{ArtifactsOptions.SectionName}:{nameof(ArtifactsOptions.DiskPath)}";
        if (IsEmbedded(configuration) && configuration[artifactFiles] is null)
            values.Add(KeyValuePair.Create(artifactFiles, (string?)Path.Combine(directory, "artifacts")));
        configuration.AddInMemoryCollection(values);
        return directory;
    }

    /// <summary>Listens where <c>ASPNETCORE_URLS</c>, <c>--urls</c> or Kestrel's settings say, else on <paramref name="url"/>.</summary>
    private static void ListenByDefaultOn(this WebApplicationBuilder builder, string url)
    {
        var configuration = builder.Configuration;
        if (configuration["urls"] is null && configuration["http_ports"] is null && configuration["https_ports"] is null
            && !configuration.GetSection("Kestrel:Endpoints").Exists())
            builder.WebHost.UseUrls(url);
    }
}
