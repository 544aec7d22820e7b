namespace OpsBus.Contracts;

/// <summary>Lane names and the queues they map to.</summary>
public static class Lanes
{
    /// <summary>The lanes a session has unless it says otherwise.</summary>
    public static IReadOnlyList<string> Default { get; } = ["A", "B", "C", "D"];

    /// <summary>The queue of a lane: <c>A</c> → <c>lane-a</c>.</summary>
    public static string QueueName(string lane) => "lane-" + lane.Trim().ToLowerInvariant();

    /// <summary>A lane name is 1–32 letters, digits, '-' or '_'.</summary>
    public static bool IsValid(string? lane) =>
        lane is { Length: > 0 and <= 32 } && lane.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
