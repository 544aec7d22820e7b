namespace OpsBus.LoadTest;

internal static class Durations
{
    /// <summary><c>45 s</c>, <c>5 min</c>, <c>2 min 30 s</c>.</summary>
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
            return $"{span.TotalSeconds:0.#} s";
        var minutes = (int)span.TotalMinutes;
        var seconds = span.Seconds;
        return seconds == 0 ? $"{minutes} min" : $"{minutes} min {seconds} s";
    }
}
