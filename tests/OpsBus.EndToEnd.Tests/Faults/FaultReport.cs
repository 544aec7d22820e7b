using Xunit.Abstractions;

namespace OpsBus.EndToEnd.Tests.Faults;

/// <summary>Each scenario's figures: to the test output, and appended to <c>OPSBUS_FAULTS_REPORT</c> when it is set.</summary>
internal static class FaultReport
{
    public const string FileVariable = "OPSBUS_FAULTS_REPORT";

    private static readonly object Gate = new();

    public static void Write(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable(FileVariable) is not { Length: > 0 } path)
            return;
        lock (Gate)
            File.AppendAllText(path, line + Environment.NewLine);
    }

    /// <summary>p50/max of a set of durations in milliseconds, or "-" when there are none.</summary>
    public static string Spread(IReadOnlyCollection<TimeSpan> durations)
    {
        if (durations.Count == 0)
            return "-";
        var ordered = durations.Select(d => (long)d.TotalMilliseconds).Order().ToList();
        return $"{ordered[(ordered.Count - 1) / 2]}/{ordered[^1]}";
    }
}
