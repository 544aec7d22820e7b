using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBus.Gateway.Edge;
using OpsBus.Gateway.Persistence;

namespace OpsBus.Gateway.ApiKeys;

/// <summary>
/// Before the server listens: applies the gateway's migrations and ensures an admin key exists (the configured
/// <c>OPSBUS_BOOTSTRAP_ADMIN_KEY</c>, or in embedded mode a generated one). Once it listens: prints the banner.
/// </summary>
internal sealed class GatewayStartup(
    IServiceProvider services,
    IConfiguration configuration,
    IOptions<GatewayOptions> options,
    IHostApplicationLifetime lifetime,
    IServer server,
    StartupBanner banner,
    ILogger<GatewayStartup> logger) : IHostedService
{
    public const string BootstrapAdminKeySetting = "OPSBUS_BOOTSTRAP_ADMIN_KEY";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        await db.Database.MigrateAsync(cancellationToken);

        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var adminKey = await EnsureAdminKeyAsync(keys, cancellationToken);
        lifetime.ApplicationStarted.Register(() => banner.Print(ListeningAddresses(), adminKey));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What the banner says of the admin key: the generated key itself, or where it comes from.</summary>
    private async Task<string> EnsureAdminKeyAsync(ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var configured = configuration[BootstrapAdminKeySetting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (ApiKeyFormat.LookupPrefix(configured) is null)
                throw new InvalidOperationException($"{BootstrapAdminKeySetting} must be {ApiKeyFormat.MinimumLength} to 512 characters long.");
            if (await keys.EnsureAdminKeyAsync(configured, cancellationToken))
                logger.LogInformation("Registered the admin key configured in {Setting}", BootstrapAdminKeySetting);
            return $"the one in {BootstrapAdminKeySetting}";
        }
        if (options.Value.Mode == GatewayMode.Embedded)
            return await keys.RotateGeneratedAdminKeyAsync(cancellationToken);
        return $"none generated in distributed mode (set {BootstrapAdminKeySetting})";
    }

    private IReadOnlyCollection<string> ListeningAddresses() =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
