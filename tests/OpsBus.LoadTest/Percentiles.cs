namespace OpsBus.LoadTest;

internal static class Percentiles
{
    public static string Describe(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
            return "n/a";
        var sorted = samples.Order().ToArray();
        return $"p50 {At(sorted, 0.50):0.0} ms, p95 {At(sorted, 0.95):0.0} ms, p99 {At(sorted, 0.99):0.0} ms (n={sorted.Length})";
    }

    private static double At(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
