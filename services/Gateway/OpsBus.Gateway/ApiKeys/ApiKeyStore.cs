using Microsoft.EntityFrameworkCore;
using OpsBus.Gateway.Persistence;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Gateway.ApiKeys;

/// <summary>Creates, finds and revokes API keys. Only hashes reach the database; a key is seen in clear once, when created.</summary>
public sealed class ApiKeyStore(GatewayDbContext db, ApiKeyCache cache, TimeProvider clock)
{
    /// <summary>Recorded as the creator of the key configured in <c>OPSBUS_BOOTSTRAP_ADMIN_KEY</c>.</summary>
    public const string Bootstrap = "bootstrap";

    /// <summary>Recorded as the creator of the admin key an embedded start generates and prints.</summary>
    public const string GeneratedAtStart = "generated-at-start";

    public const string AdminName = "admin";

    public async Task<ApiKeyCaller?> AuthenticateAsync(string key, CancellationToken cancellationToken)
    {
        if (cache.Find(key) is { } cached)
            return cached;
        var generation = cache.CurrentGeneration;
        if (await FindActiveAsync(key, cancellationToken) is not { } row)
            return null;
        var caller = new ApiKeyCaller(row.Id, row.Name, row.Role);
        cache.Remember(key, caller, generation);
        return caller;
    }

    /// <summary>A new key for <paramref name="name"/>; the key itself is returned once and never stored.</summary>
    public async Task<(ApiKey Row, string Key)> CreateAsync(string name, string role, string createdBy, CancellationToken cancellationToken)
    {
        var key = ApiKeyFormat.Generate();
        return (await InsertAsync(key, name, role, createdBy, cancellationToken), key);
    }

    /// <summary>Every key, revoked ones too, newest first.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>Revokes the key; it stops working at once. <c>false</c> when there is no such key.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (row is null)
            return false;
        if (row.RevokedAt is null)
        {
            row.RevokedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        cache.ForgetAll();
        return true;
    }

    /// <summary>Makes sure the configured admin key works; <c>true</c> when it had to be added.</summary>
    public async Task<bool> EnsureAdminKeyAsync(string key, CancellationToken cancellationToken)
    {
        if (await FindActiveAsync(key, cancellationToken) is not null)
            return false;
        await InsertAsync(key, AdminName, OpsBusRoles.Admin, Bootstrap, cancellationToken);
        return true;
    }

    /// <summary>A fresh admin key for this start; the ones earlier starts generated are revoked.</summary>
    public async Task<string> RotateGeneratedAdminKeyAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ApiKeys.Where(k => k.CreatedBy == GeneratedAtStart && k.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.RevokedAt, now), cancellationToken);
        cache.ForgetAll();
        var key = ApiKeyFormat.Generate();
        await InsertAsync(key, AdminName, OpsBusRoles.Admin, GeneratedAtStart, cancellationToken);
        return key;
    }

    private async Task<ApiKey?> FindActiveAsync(string key, CancellationToken cancellationToken)
    {
        if (ApiKeyFormat.LookupPrefix(key) is not { } prefix)
            return null;
        var candidates = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix && k.RevokedAt == null)
            .ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(k => ApiKeyHasher.Verify(key, k.Hash));
    }

    private async Task<ApiKey> InsertAsync(string key, string name, string role, string createdBy, CancellationToken cancellationToken)
    {
        var row = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Role = role,
            Prefix = ApiKeyFormat.LookupPrefix(key) ?? throw new ArgumentException("Not a usable API key.", nameof(key)),
            Hash = ApiKeyHasher.Hash(key),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
        };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }
}
