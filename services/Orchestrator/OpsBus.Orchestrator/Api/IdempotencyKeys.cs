using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OpsBus.Orchestrator.Api;

/// <summary>The <c>Idempotency-Key</c> header: the same key from the same caller means the same run.</summary>
internal static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 256;

    /// <summary>The key, or null when none was sent; <paramref name="error"/> says why a sent key is unusable.</summary>
    public static string? Read(HttpRequest request, out string? error)
    {
        error = null;
        if (!request.Headers.TryGetValue(Header, out var values))
            return null;
        var key = values.Count == 1 ? values[0] : null;
        if (key is null || values.Count != 1)
            error = "Send one key.";
        else if (key.Length is 0 or > MaxLength)
            error = $"The key must be 1 to {MaxLength} characters.";
        else if (key.Any(char.IsControl))
            error = "The key must not contain control characters.";
        return error is null ? key : null;
    }

    /// <summary>SHA-256 of the request as parsed, so whitespace and property order do not make it another request.</summary>
    public static string Hash<T>(T request, JsonSerializerOptions options) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, options)));
}
