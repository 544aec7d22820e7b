namespace OpsBus.Hostile.Tests;

/// <summary>
/// One bad request: what kind of hostility it is (<see cref="Category"/>), where it goes, whose key it carries (none
/// when <see cref="Key"/> is null), and the raw bytes of its body. <see cref="Allowed"/> lists the answers that are
/// correct refusals for it.
/// </summary>
internal sealed record HostileCase(
    string Category,
    string Method,
    string Path,
    string? Key,
    byte[]? Body = null,
    string? ContentType = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>
    /// Every refusal a hostile request may get: 400 (malformed or invalid), 401 (no or bad key), 403 (role), 404 (not
    /// there, or another owner's), 405 (method), 409 (state), 413 (body size), 415 (media type), 422 (idempotency key
    /// reused), 429 (rate limit; the corpus host raises it so it should not appear).
    /// </summary>
    public static readonly IReadOnlySet<int> Refusals = new HashSet<int> { 400, 401, 403, 404, 405, 409, 413, 415, 422, 429 };

    /// <summary>The statuses this case may answer: any refusal, or exactly the one the category demands.</summary>
    public IReadOnlySet<int> Allowed { get; init; } = Refusals;

    /// <summary>Whether a body-less answer is acceptable: only for what Kestrel refuses before the app sees it.</summary>
    public bool MayAnswerWithoutBody { get; init; }

    public override string ToString() => $"[{Category}] {Method} {Path}";
}
