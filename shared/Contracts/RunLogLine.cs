using System.Text.Json;

namespace OpsBus.Contracts;

/// <summary>One log line of a run.</summary>
/// <param name="Seq">
/// Per-run sequence number, increasing within a run across attempts (the attempt is its high 32 bits,
/// the line's number within the attempt its low 32 bits), so a redelivered batch is stored once.
/// </param>
/// <param name="Timestamp">When it was written.</param>
/// <param name="Level">debug, info, warn or error.</param>
/// <param name="Source">Who wrote it: <c>worker</c>, or the step id.</param>
/// <param name="Message">The line.</param>
/// <param name="Data">Optional structured data.</param>
public sealed record RunLogLine(long Seq, DateTime Timestamp, string Level, string Source, string Message, JsonElement? Data = null)
{
    /// <summary>
    /// The key in <see cref="Data"/> of the worker's closing line of an attempt, the last it writes for it: the value is
    /// the attempt's outcome (<c>succeeded</c>, <c>failed</c>, <c>cancelled</c>, <c>released</c> or <c>lease-lost</c>).
    /// A reader finds the end of an attempt by it, never by the line's text, which a step's error could imitate.
    /// </summary>
    public const string AttemptEndedKey = "attemptEnded";

    /// <summary>The sequence number of the <paramref name="line"/>-th line (from 1) of an attempt.</summary>
    public static long SequenceOf(int attempt, int line) => ((long)attempt << 32) | (uint)line;

    /// <summary>The <see cref="Data"/> of a closing line with this outcome.</summary>
    public static JsonElement AttemptEnded(string outcome) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, string> { [AttemptEndedKey] = outcome });

    /// <summary>Whether a line with this source and data is the worker's closing line of its attempt.</summary>
    public static bool EndsAttempt(string source, JsonElement? data) =>
        source == WorkerSource && data is { ValueKind: JsonValueKind.Object } fields && fields.TryGetProperty(AttemptEndedKey, out _);

    /// <summary>The <see cref="Source"/> of the lines the worker writes itself, not a step.</summary>
    public const string WorkerSource = "worker";
}
