using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpsBus.Artifacts.Retention;

/// <summary>Runs <see cref="ArtifactRetention"/> every <see cref="ArtifactsOptions.RetentionInterval"/> on the host's clock.</summary>
internal sealed class ArtifactRetentionService(
    IServiceScopeFactory scopes, IOptions<ArtifactsOptions> options, TimeProvider clock, ILogger<ArtifactRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ArtifactRetention>().SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The artifact retention sweep failed; it runs again in {Interval}", options.Value.RetentionInterval);
            }
            try
            {
                await Task.Delay(options.Value.RetentionInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
