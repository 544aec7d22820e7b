namespace OpsBus.LoadTest;

/// <summary>Nearest-rank percentiles of latency samples in milliseconds.</summary>
internal sealed record Percentiles(double P50, double P95, double P99, int Count)
{
    public static Percentiles? Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
            return null;
        var sorted = samples.Order().ToArray();
        return new Percentiles(At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99), sorted.Length);
    }

    public static string Describe(IReadOnlyCollection<double> samples) => Of(samples)?.ToString() ?? "n/a";

    public override string ToString() => $"p50 {P50:0.0} ms, p95 {P95:0.0} ms, p99 {P99:0.0} ms (n={Count})";

    private static double At(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
