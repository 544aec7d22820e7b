using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsBus.LoadTest.Cost;

/// <summary>
/// RabbitMQ's global counters since the broker started: messages published to it and messages it delivered to
/// consumers (classic queues). Read with <c>rabbitmqctl eval</c> in the environment scripts/test.sh writes for its node
/// (<c>--rabbitmq-env FILE</c>); each reading boots an Erlang VM for about 0.3 s of CPU.
/// </summary>
internal sealed partial class BrokerCounters(string environmentFile)
{
    private const string Expression =
        "M = rabbit_global_counters:overview(), "
        + "{maps:get(messages_received_total, maps:get([{protocol,amqp091}], M)), "
        + "maps:get(messages_delivered_total, maps:get([{protocol,amqp091},{queue_type,rabbit_classic_queue}], M))}.";

    public async Task<(long Published, long Delivered)> ReadAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", ". \"$1\" && rabbitmqctl -q -n \"$RABBITMQ_NODENAME\" eval \"$2\"", "counters", environmentFile, Expression },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl eval failed ({process.ExitCode}): {error.Trim()}");
        return Parse(output);
    }

    /// <summary>The <c>{Published,Delivered}</c> tuple the expression returns.</summary>
    public static (long Published, long Delivered) Parse(string output)
    {
        var match = TupleOfTwo().Match(output);
        if (!match.Success)
            throw new FormatException($"not a pair of counters: '{output.Trim()}'");
        return (long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^\s*\{(\d+),(\d+)\}\s*$")]
    private static partial Regex TupleOfTwo();
}
