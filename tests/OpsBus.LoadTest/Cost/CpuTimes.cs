using System.Globalization;

namespace OpsBus.LoadTest.Cost;

/// <summary>
/// CPU time read from <c>/proc</c>, in milliseconds: the whole machine's busy time (every core, every process, the
/// kernel's own work included) and the time of single processes (user + system).
/// </summary>
internal static class CpuTimes
{
    // USER_HZ: the unit of /proc's CPU times, 100 on every Linux architecture .NET runs on.
    private const double MsPerTick = 10;

    /// <summary>Busy time of all cores since boot: everything in the <c>cpu</c> line of /proc/stat but idle and iowait.</summary>
    public static double MachineBusyMs() => ParseMachineBusyMs(File.ReadLines("/proc/stat").First());

    /// <summary>User and system time of a process and of its threads, or null once it is gone.</summary>
    public static double? ProcessMs(int pid)
    {
        try
        {
            return ParseProcessMs(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Every process whose command name is <paramref name="command"/> (PostgreSQL's are all <c>postgres</c>).</summary>
    public static IEnumerable<int> ProcessesNamed(string command)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            string name;
            try
            {
                name = File.ReadAllText(Path.Combine(directory, "comm")).TrimEnd('\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (name == command)
                yield return pid;
        }
    }

    /// <summary><c>cpu  user nice system idle iowait irq softirq steal guest guest_nice</c>; guest time is already in user.</summary>
    public static double ParseMachineBusyMs(string cpuLine)
    {
        var fields = cpuLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 9 || fields[0] != "cpu")
            throw new FormatException($"not the cpu line of /proc/stat: '{cpuLine}'");
        double Field(int index) => double.Parse(fields[index], CultureInfo.InvariantCulture);
        return (Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8)) * MsPerTick;
    }

    /// <summary>Fields 14 and 15 (utime, stime) of /proc/PID/stat, counted after the command name, which may hold spaces and parentheses.</summary>
    public static double ParseProcessMs(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) * MsPerTick;
    }
}
