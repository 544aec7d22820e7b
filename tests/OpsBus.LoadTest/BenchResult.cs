using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBus.LoadTest;

/// <summary>
/// The figures one scenario measured on one system (<c>opsbus</c> or <c>hangfire</c>), appended as a JSON line to the
/// suite's results file (<c>--results FILE</c>) so that <c>--scenario report</c> can print them side by side.
/// </summary>
internal sealed record BenchResult(string Scenario, string System, IReadOnlyDictionary<string, double> Figures, string? Note = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public double? this[string figure] => Figures.TryGetValue(figure, out var value) ? value : null;

    public static void Append(string? path, BenchResult result)
    {
        if (path is null)
            return;
        File.AppendAllText(path, JsonSerializer.Serialize(result, Json) + Environment.NewLine);
    }

    /// <summary>Every result in the file; a later result of the same scenario and system replaces an earlier one.</summary>
    public static IReadOnlyList<BenchResult> ReadAll(string path) =>
        File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<BenchResult>(line, Json)!)
            .GroupBy(r => (r.Scenario, r.System))
            .Select(g => g.Last())
            .ToList();
}
