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
    /// <summary>The sequence number of the <paramref name="line"/>-th line (from 1) of an attempt.</summary>
    public static long SequenceOf(int attempt, int line) => ((long)attempt << 32) | (uint)line;
}
