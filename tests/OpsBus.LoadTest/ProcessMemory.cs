namespace OpsBus.LoadTest;

/// <summary>Resident memory of a process from <c>/proc/PID/status</c>: now (VmRSS) and its high-water mark (VmHWM), in MB.</summary>
internal readonly record struct ProcessMemory(double RssMb, double HighWaterMb)
{
    public static ProcessMemory? Read(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid}/status"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static ProcessMemory? Parse(string status)
    {
        double? rss = null, hwm = null;
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = Kilobytes(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                hwm = Kilobytes(line);
        }
        return rss is { } r && hwm is { } h ? new ProcessMemory(r / 1024, h / 1024) : null;
    }

    private static double Kilobytes(string line) =>
        double.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
