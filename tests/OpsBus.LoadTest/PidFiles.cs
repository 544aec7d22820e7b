using System.Globalization;

namespace OpsBus.LoadTest;

/// <summary>The <c>NAME.pid</c> files scripts/distributed.sh writes for every process it starts (the broker's too).</summary>
internal static class PidFiles
{
    /// <summary>Each process of the directory, by name, in name order.</summary>
    public static IEnumerable<(string Name, int Pid)> In(string directory) =>
        Directory.EnumerateFiles(directory, "*.pid")
            .Order(StringComparer.Ordinal)
            .Select(file => (Path.GetFileNameWithoutExtension(file), Read(file)));

    public static int Read(string file) => int.Parse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
}
