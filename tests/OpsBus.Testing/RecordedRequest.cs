namespace OpsBus.Testing;

/// <summary>One request a <see cref="FakeHttpServer"/> received; <paramref name="Headers"/> are keyed case-insensitively.</summary>
public sealed record RecordedRequest(
    string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    /// <summary>The <c>Authorization</c> header, or null when the request had none.</summary>
    public string? Authorization => Headers.TryGetValue("Authorization", out var value) && value.Length > 0 ? value : null;
}
