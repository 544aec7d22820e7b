using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;
using OpsBus.Testing;

namespace OpsBus.EndToEnd.Tests.Faults;

/// <summary>
/// A RabbitMQ node and a PostgreSQL cluster of a test's own, on free loopback ports in a temporary directory, so that a
/// test may restart them without disturbing the servers the test command shares between tests. Started the way
/// scripts/test.sh starts its servers (same binaries, same loopback-only settings); removed on dispose.
/// </summary>
internal sealed class PrivateServers : IClusterServers, IAsyncDisposable
{
    private const string RabbitBin = "/usr/lib/rabbitmq/bin";
    private const string PostgresBin = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    private readonly string _directory;
    private readonly int _amqpPort = LoopbackPorts.Reserve();
    private readonly int _distPort = LoopbackPorts.Reserve();
    private readonly int _epmdPort = LoopbackPorts.Reserve();
    private readonly int _postgresPort = LoopbackPorts.Reserve();
    private Process? _epmd;
    private Process? _rabbit;
    private bool _postgresStarted;

    private PrivateServers(string directory) => _directory = directory;

    private string RabbitDirectory => Path.Combine(_directory, "rabbitmq");

    private string PostgresData => Path.Combine(_directory, "pgdata");

    private string ServerConnectionString => $"Host=127.0.0.1;Port={_postgresPort};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<PrivateServers> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("opsbus-faults-").FullName;
        var servers = new PrivateServers(directory);
        try
        {
            await servers.InitialiseAsync();
            await Task.WhenAll(servers.StartRabbitMqAsync(), servers.StartPostgresAsync());
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
        return servers;
    }

    public async Task<ClusterDatabase> CreateDatabaseAsync()
    {
        var name = "opsbus_faults_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        // Dropped with the whole cluster on dispose.
        return new ClusterDatabase(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true }.ConnectionString,
            () => ValueTask.CompletedTask);
    }

    public Task<Uri> CreateVirtualHostAsync() => Task.FromResult(new Uri($"amqp://guest:guest@127.0.0.1:{_amqpPort}/"));

    /// <summary>Stops the node (SIGTERM, as a service manager would) and starts it again on the same data.</summary>
    public async Task RestartRabbitMqAsync()
    {
        await StopRabbitMqAsync();
        await StartRabbitMqAsync();
    }

    /// <summary>Stops the cluster the way a crash does (immediate: no checkpoint, clients cut) and starts it again.</summary>
    public async Task RestartPostgresAsync()
    {
        await PgCtl("stop", "-m", "immediate", "-w", "-t", "60");
        await StartPostgresAsync();
        // This process's pooled connections died with the server.
        NpgsqlConnection.ClearAllPools();
    }

    private async Task InitialiseAsync()
    {
        Directory.CreateDirectory(Path.Combine(RabbitDirectory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(RabbitDirectory, "log"));
        await File.WriteAllTextAsync(Path.Combine(RabbitDirectory, "rabbitmq.conf"), $"listeners.tcp.default = 127.0.0.1:{_amqpPort}\n");
        await File.WriteAllTextAsync(Path.Combine(RabbitDirectory, "enabled_plugins"), "[].\n");
        await File.WriteAllTextAsync(Path.Combine(RabbitDirectory, "rabbitmq-env.conf"), "");

        // PostgreSQL refuses to run as root: as root the data directory belongs to, and the server runs as, postgres.
        await Run("chmod", "755", _directory);
        Directory.CreateDirectory(PostgresData);
        if (Environment.UserName == "root")
            await Run("chown", "postgres:", PostgresData);
        await AsOwner(Path.Combine(PostgresBin, "initdb"), "-D", PostgresData, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");

        _epmd = StartProcess(EpmdPath(), ["-address", "127.0.0.1", "-port", _epmdPort.ToString()]);
    }

    private async Task StartRabbitMqAsync()
    {
        _rabbit = StartProcess(Path.Combine(RabbitBin, "rabbitmq-server"), []);
        var until = DateTime.UtcNow + StartDeadline;
        while (!await Accepts(_amqpPort))
        {
            if (_rabbit.HasExited)
                throw new InvalidOperationException($"rabbitmq-server exited with {_rabbit.ExitCode}; logs in {RabbitDirectory}/log");
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"RabbitMQ did not accept AMQP on {_amqpPort} within {StartDeadline.TotalSeconds} s");
            await Task.Delay(200);
        }
    }

    private async Task StopRabbitMqAsync()
    {
        var pidFile = Path.Combine(RabbitDirectory, "rabbitmq.pid");
        if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
            await Stop(pid);
        if (_rabbit is not null)
        {
            await Stop(_rabbit.Id);
            _rabbit.Dispose();
            _rabbit = null;
        }
    }

    private async Task StartPostgresAsync()
    {
        await PgCtl("start", "-w", "-t", "60", "-l", Path.Combine(PostgresData, "server.log"),
            "-o", $"-c listen_addresses=127.0.0.1 -p {_postgresPort} -k {PostgresData} -c fsync=off -c max_connections=300");
        _postgresStarted = true;
    }

    private Task PgCtl(params string[] arguments) =>
        AsOwner(Path.Combine(PostgresBin, "pg_ctl"), [.. arguments.Take(1), "-D", PostgresData, .. arguments.Skip(1)]);

    private Task AsOwner(string program, params string[] arguments) =>
        Environment.UserName == "root" ? Run("runuser", ["-u", "postgres", "--", program, .. arguments]) : Run(program, arguments);

    private Process StartProcess(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        foreach (var (key, value) in RabbitEnvironment())
            start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private Dictionary<string, string> RabbitEnvironment() => new()
    {
        ["HOME"] = _directory,
        ["RABBITMQ_NODENAME"] = $"opsbusfaults-{_amqpPort}@localhost",
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = _amqpPort.ToString(),
        ["RABBITMQ_DIST_PORT"] = _distPort.ToString(),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["ERL_EPMD_PORT"] = _epmdPort.ToString(),
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(RabbitDirectory, "rabbitmq-env.conf"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(RabbitDirectory, "rabbitmq.conf"),
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(RabbitDirectory, "advanced.config"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(RabbitDirectory, "enabled_plugins"),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(RabbitDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(RabbitDirectory, "log"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(RabbitDirectory, "rabbitmq.pid"),
        ["ERL_CRASH_DUMP"] = Path.Combine(RabbitDirectory, "erl_crash.dump"),
    };

    private static string EpmdPath()
    {
        var candidates = new[] { "/usr/bin/epmd", "/usr/lib/erlang/bin/epmd" }
            .Concat(Directory.Exists("/usr/lib/erlang") ? Directory.EnumerateDirectories("/usr/lib/erlang", "erts-*").Select(d => Path.Combine(d, "bin", "epmd")) : []);
        return candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("epmd (Erlang) not found");
    }

    private static async Task<bool> Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("could not start " + program);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartDeadline);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output} {await errors}");
    }

    /// <summary>SIGTERM, then SIGKILL after 20 s; waits until the process is gone (or a zombie: they are reaped slowly here).</summary>
    private static async Task Stop(int pid)
    {
        if (!IsAlive(pid))
            return;
        await Run("kill", "-TERM", pid.ToString());
        if (await Gone(pid, TimeSpan.FromSeconds(20)))
            return;
        if (IsAlive(pid))
            Process.GetProcessById(pid).Kill();
        await Gone(pid, TimeSpan.FromSeconds(10));
    }

    private static async Task<bool> Gone(int pid, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > until)
                return false;
            await Task.Delay(100);
        }
        return true;
    }

    private static bool IsAlive(int pid)
    {
        var stat = Path.Combine("/proc", pid.ToString(), "stat");
        if (!File.Exists(stat))
            return false;
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopRabbitMqAsync();
        if (_postgresStarted)
            await PgCtl("stop", "-m", "immediate", "-w", "-t", "60");
        if (_epmd is not null)
        {
            await Stop(_epmd.Id);
            _epmd.Dispose();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
