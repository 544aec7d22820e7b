using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBus.Runbooks.Catalog;

namespace OpsBus.Orchestrator.Templates;

/// <summary>
/// Installs the shipped templates at start-up, after the migrations (it is registered after the migrator): each one
/// whose slug is absent becomes version 1 by <see cref="Installer"/>, and one that changed since the version
/// <see cref="Installer"/> last wrote becomes its next version (runs keep naming the version they were rendered from). A
/// template an operator edited is never touched, so their edits survive restarts and upgrades; two orchestrators
/// starting together install each one once.
/// </summary>
internal sealed class ShippedTemplateInstaller(IServiceProvider services, ILogger<ShippedTemplateInstaller> logger) : IHostedService
{
    /// <summary>The author recorded on shipped templates.</summary>
    public const string Installer = "opsbus";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var installed = await scope.ServiceProvider.GetRequiredService<TemplateStore>().InstallAsync(ShippedTemplates.All, Installer, cancellationToken);
        if (installed.Count > 0)
            logger.LogInformation("Installed or upgraded {Count} shipped template(s): {Templates}", installed.Count, string.Join(", ", installed));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
