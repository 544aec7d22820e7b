using System.Globalization;

namespace OpsBus.LoadTest;

/// <summary><c>--name value</c> pairs; a missing option falls back to the environment variable <c>OPSBUS_NAME</c> (dashes as underscores).</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public Arguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Count)
                throw new ArgumentException($"expected '--option value', got '{args[i]}'");
            _values[args[i][2..]] = args[i + 1];
        }
    }

    public string? Find(string name) =>
        _values.TryGetValue(name, out var value) ? value
        : Environment.GetEnvironmentVariable("OPSBUS_" + name.Replace('-', '_').ToUpperInvariant());

    public string Get(string name, string? fallback = null) =>
        Find(name) ?? fallback ?? throw new ArgumentException($"--{name} is required");

    public int GetInt(string name, int fallback) =>
        Find(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public int? FindInt(string name) =>
        Find(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    public double? FindDouble(string name) =>
        Find(name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : null;

    public TimeSpan? FindDuration(string name) => Find(name) is { } value ? ParseDuration(value) : null;

    public TimeSpan GetDuration(string name, TimeSpan fallback) => FindDuration(name) ?? fallback;

    /// <summary><c>90</c> or <c>90s</c> seconds, <c>5m</c> minutes, <c>1h</c> hours, <c>250ms</c> milliseconds.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], "ms")
            : char.IsLetter(text[^1]) ? (text[..^1], text[^1..])
            : (text, "s");
        var amount = double.Parse(number, CultureInfo.InvariantCulture);
        return unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => throw new ArgumentException($"'{text}' is not a duration (use ms, s, m or h)"),
        };
    }
}
