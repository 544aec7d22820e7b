using System.Diagnostics;

namespace OpsBus.Testing;

/// <summary>
/// A fresh virtual host on the RabbitMQ node the test command started, so tests never share queues.
/// <c>OPSBUS_TEST_RABBITMQ</c> is the broker's AMQP URI (no virtual host) and
/// <c>OPSBUS_TEST_RABBITMQ_VHOST</c> a script that creates a virtual host and grants the test user on it.
/// </summary>
public sealed class TestRabbitMq
{
    public const string UriVariable = "OPSBUS_TEST_RABBITMQ";
    public const string VirtualHostCommandVariable = "OPSBUS_TEST_RABBITMQ_VHOST";

    private TestRabbitMq(Uri hostAddress, string virtualHost)
    {
        HostAddress = hostAddress;
        VirtualHost = virtualHost;
    }

    /// <summary>amqp://user:password@host:port/vhost</summary>
    public Uri HostAddress { get; }

    public string VirtualHost { get; }

    public static async Task<TestRabbitMq> CreateAsync()
    {
        var baseUri = Environment.GetEnvironmentVariable(UriVariable) is { Length: > 0 } uri
            ? new Uri(uri)
            : throw new InvalidOperationException($"{UriVariable} is not set. Run the tests with scripts/test.sh.");
        var command = Environment.GetEnvironmentVariable(VirtualHostCommandVariable) is { Length: > 0 } c
            ? c
            : throw new InvalidOperationException($"{VirtualHostCommandVariable} is not set. Run the tests with scripts/test.sh.");

        var vhost = "opsbus-test-" + Guid.NewGuid().ToString("N")[..12];
        var start = new ProcessStartInfo(command, vhost) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + command);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"creating vhost {vhost} failed: {await stdout} {await stderr}");

        var builder = new UriBuilder(baseUri) { Path = "/" + vhost };
        return new TestRabbitMq(builder.Uri, vhost);
    }
}
