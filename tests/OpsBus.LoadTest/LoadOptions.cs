using System.Globalization;

namespace OpsBus.LoadTest;

/// <summary>Command line: <c>--url http://127.0.0.1:5080 --key KEY --runs 3000 [--rate 100] [--concurrency 64] [--journals DIR]</c>.</summary>
internal sealed record LoadOptions(Uri Url, string Key, int Runs, double? Rate, int Concurrency, string? JournalDirectory, TimeSpan DrainTimeout)
{
    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"expected an option, got '{args[i]}'");
            values[args[i][2..]] = args[i + 1];
        }

        string Get(string name, string? fallback = null) =>
            values.TryGetValue(name, out var value) ? value
            : Environment.GetEnvironmentVariable("OPSBUS_" + name.ToUpperInvariant()) ?? fallback
            ?? throw new ArgumentException($"--{name} is required");

        return new LoadOptions(
            new Uri(Get("url", "http://127.0.0.1:5080")),
            Get("key"),
            int.Parse(Get("runs", "1000"), CultureInfo.InvariantCulture),
            values.TryGetValue("rate", out var rate) ? double.Parse(rate, CultureInfo.InvariantCulture) : null,
            int.Parse(Get("concurrency", "64"), CultureInfo.InvariantCulture),
            values.GetValueOrDefault("journals"),
            TimeSpan.FromSeconds(int.Parse(Get("drain-seconds", "120"), CultureInfo.InvariantCulture)));
    }
}
