using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBus.Runbooks.Secrets;

namespace OpsBus.Notifier.Notifications.Persistence;

/// <summary>
/// A channel's credentials at rest: its URL (for Slack and Discord the path is the credential) and a webhook's signing
/// secret are sealed with <c>Secrets:Key</c>, the key the orchestrator and the lane workers share, so that the database
/// or a backup of it does not tell where to post or how to sign. Without a key they are stored as given. A value stored
/// in clear (before a key was configured), or sealed with <c>Secrets:PreviousKey</c> (the key before a rotation), is
/// read as it is and sealed with the key at the next start (<see cref="ChannelCredentialsSealing"/>).
/// </summary>
public sealed class ChannelCredentials(SecretProtector? protector, SecretProtector? previous = null)
{
    /// <summary>The key before a rotation of <see cref="SecretProtector.KeySetting"/>: still opens what it sealed, until it is sealed again.</summary>
    public const string PreviousKeySetting = "Secrets:PreviousKey";

    public bool Seals => protector is not null;

    /// <summary>With the keys configured under <see cref="SecretProtector.KeySetting"/> and <see cref="PreviousKeySetting"/>, if any.</summary>
    /// <exception cref="InvalidOperationException">A key is not base64 of 32 bytes.</exception>
    public static ChannelCredentials From(IConfiguration configuration) =>
        new(ProtectorOf(configuration, SecretProtector.KeySetting), ProtectorOf(configuration, PreviousKeySetting));

    /// <summary>What to store for <paramref name="value"/>.</summary>
    public string Protect(string value) => protector?.Seal(value) ?? value;

    /// <summary>A stored value as it was given; null when it was sealed with a key this notifier does not have.</summary>
    public string? Reveal(string stored)
    {
        if (!SecretProtector.IsSealed(stored))
            return stored;
        if (protector is not null && protector.TryOpen(stored, out var value))
            return value;
        return previous is not null && previous.TryOpen(stored, out var before) ? before : null;
    }

    /// <summary>Whether a stored value is to be sealed (again) with the key: it is in clear, or only the previous key opens it.</summary>
    public bool NeedsSealing(string? stored) =>
        protector is not null && stored is not null
        && (!SecretProtector.IsSealed(stored) || (!protector.TryOpen(stored, out _) && Reveal(stored) is not null));

    private static SecretProtector? ProtectorOf(IConfiguration configuration, string setting)
    {
        if (configuration[setting] is not { Length: > 0 } key)
            return null;
        try
        {
            return SecretProtector.FromBase64(key);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{setting}: {e.Message}", e);
        }
    }
}

/// <summary>
/// At start, after the migrations: with a key, seals the credentials of channels stored in clear or under the previous
/// key; without one, warns that they are stored as given. Two notifiers doing it at once both write a valid sealed value.
/// </summary>
internal sealed class ChannelCredentialsSealing(IServiceScopeFactory scopes, ChannelCredentials credentials, ILogger<ChannelCredentialsSealing> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!credentials.Seals)
        {
            logger.LogWarning("No {KeySetting}: notification channel URLs and signing secrets are stored in clear", SecretProtector.KeySetting);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var sealedCount = 0;
        foreach (var channel in await db.Channels.ToListAsync(cancellationToken))
        {
            var url = SealAgain(channel.Url);
            var secret = SealAgain(channel.Secret);
            if (url is null && secret is null)
                continue;
            channel.Url = url ?? channel.Url;
            channel.Secret = secret ?? channel.Secret;
            sealedCount++;
        }
        if (sealedCount == 0)
            return;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Sealed the credentials of {Count} notification channels with {KeySetting}", sealedCount, SecretProtector.KeySetting);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The value sealed with the key, or null when it needs no sealing (already sealed with it, or absent).</summary>
    private string? SealAgain(string? stored) => credentials.NeedsSealing(stored) ? credentials.Protect(credentials.Reveal(stored!)!) : null;
}
