using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBus.Gateway.Persistence;

namespace OpsBus.Gateway.Audit;

/// <summary>Stores what <see cref="AuditLog"/> queues, in batches; on shutdown it drains the queue before stopping.</summary>
internal sealed partial class AuditWriter(AuditLog log, IServiceScopeFactory scopes, ILogger<AuditWriter> logger) : BackgroundService
{
    private const int BatchSize = 200;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = log.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
                await StoreAvailableAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        log.Complete();
        await StoreAvailableAsync(cancellationToken);
    }

    private async Task StoreAvailableAsync(CancellationToken cancellationToken)
    {
        var batch = new List<AuditEntry>(BatchSize);
        while (log.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
            if (batch.Count == BatchSize)
            {
                await StoreAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
            await StoreAsync(batch, cancellationToken);
    }

    /// <summary>Retries until the batch is stored: an audit entry is never dropped for a database hiccup.</summary>
    private async Task StoreAsync(List<AuditEntry> batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
                db.AuditEntries.AddRange(batch);
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStoreFailed(logger, batch.Count, e);
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "Could not store {Count} audit entries; retrying")]
    private static partial void LogStoreFailed(ILogger logger, int count, Exception exception);
}
