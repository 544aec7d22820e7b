using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace OpsBus.Gateway.ApiKeys;

/// <summary>
/// Remembers authenticated keys briefly so most requests skip the database and the hash. Entries are stored under
/// the key's SHA-256, never the key. A revocation empties the cache at once; an entry looked up while a revocation
/// was under way is born expired, so a revoked key cannot slip back in.
/// </summary>
public sealed class ApiKeyCache(IOptions<GatewayOptions> options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private CancellationTokenSource _generation = new();

    /// <summary>Take this before reading the database; pass it to <see cref="Remember"/>.</summary>
    public IChangeToken CurrentGeneration => new CancellationChangeToken(Volatile.Read(ref _generation).Token);

    public ApiKeyCaller? Find(string key) => _cache.Get<ApiKeyCaller>(CacheKey(key));

    public void Remember(string key, ApiKeyCaller caller, IChangeToken generation)
    {
        var entry = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.Value.KeyCacheDuration };
        entry.ExpirationTokens.Add(generation);
        _cache.Set(CacheKey(key), caller, entry);
    }

    public void ForgetAll() => Interlocked.Exchange(ref _generation, new CancellationTokenSource()).Cancel();

    public void Dispose() => _cache.Dispose();

    private static string CacheKey(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

/// <summary>Who an API key speaks for.</summary>
public sealed record ApiKeyCaller(Guid KeyId, string Name, string Role);
