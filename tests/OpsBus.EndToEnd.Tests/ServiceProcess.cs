using System.Collections.Concurrent;
using System.Diagnostics;
using OpsBus.Testing;

namespace OpsBus.EndToEnd.Tests;

/// <summary>
/// One OpsBus host started as its own OS process (<c>dotnet Host.dll</c>), its output kept for diagnostics. It can be
/// killed and started again with the same settings and address, as a supervisor would after a crash.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly ProcessStartInfo _start;
    private readonly ConcurrentQueue<string> _output = new();
    private Process _process = null!;
    private TaskCompletionSource _busStarted = null!;

    private ServiceProcess(string name, ProcessStartInfo start)
    {
        Name = name;
        _start = start;
    }

    public string Name { get; }

    /// <summary>Where the host listens (http://127.0.0.1:port).</summary>
    public Uri Url { get; private init; } = null!;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _output);

    public static ServiceProcess Start(string name, string hostProject, IReadOnlyDictionary<string, string> environment)
    {
        var dll = HostAssembly(hostProject);
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var url = new Uri($"http://127.0.0.1:{LoopbackPorts.Reserve()}");
        start.Environment["Urls"] = url.ToString().TrimEnd('/');
        start.Environment["Logging__LogLevel__MassTransit"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var service = new ServiceProcess(name, start) { Url = url };
        service.Launch();
        return service;
    }

    /// <summary>Starts the host again after <see cref="KillHard"/>: same settings, same address.</summary>
    public async Task Restart()
    {
        await Stop();
        _process.Dispose();
        _output.Enqueue($"----- {Name} restarted -----");
        Launch();
    }

    private void Launch()
    {
        _busStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = _start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Completes when the host's bus is connected and consuming.</summary>
    public async Task WaitUntilStarted(TimeSpan deadline)
    {
        var finished = await Task.WhenAny(_busStarted.Task, Task.Delay(deadline));
        if (finished != _busStarted.Task)
            throw new TimeoutException($"{Name} did not start its bus within {deadline.TotalSeconds} s:\n{Output}");
    }

    /// <summary>Completes when the host answers <c>/health/ready</c> with 200.</summary>
    public async Task WaitUntilReady(TimeSpan deadline)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            if (HasExited)
                throw new InvalidOperationException($"{Name} exited:\n{Output}");
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"{Name} not ready within {deadline.TotalSeconds} s:\n{Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>kill -9: no shutdown hooks, no goodbye messages.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
    }

    /// <summary>Whether the process has exited within <paramref name="timeout"/>.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public async ValueTask DisposeAsync()
    {
        await Stop();
        _process.Dispose();
    }

    private async Task Stop()
    {
        KillHard();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        while (_output.Count > 2000)
            _output.TryDequeue(out _);
        if (line.Contains("Bus started", StringComparison.Ordinal))
            _busStarted.TrySetResult();
    }

    private static string HostAssembly(string hostProject)
    {
        // tests/OpsBus.EndToEnd.Tests/bin/<Configuration>/net10.0/ → the host's own bin/<Configuration>/net10.0/.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OpsBus.sln")))
            root = root.Parent;
        if (root is null)
            throw new InvalidOperationException("OpsBus.sln not found above " + AppContext.BaseDirectory);
        var name = Path.GetFileName(hostProject);
        var dll = Path.Combine(root.FullName, hostProject, "bin", configuration, framework, name + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first: host not found", dll);
    }
}
