using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OpsBus.Contracts;

namespace OpsBus.EndToEnd.Tests.Faults;

/// <summary>What a run of the fault load does, and so how it must end.</summary>
internal enum LoadRunKind
{
    /// <summary>Two echo steps: succeeds in well under a second.</summary>
    Quick,

    /// <summary>Sleeps 1–3 s: long enough to be caught by a fault mid-run. Succeeds.</summary>
    Sleeping,

    /// <summary>Fails retryably on every attempt: retried with backoff until its attempts are spent, then failed.</summary>
    Failing,
}

internal sealed record AcceptedRun(Guid RunId, LoadRunKind Kind, DateTime AcceptedAt);

/// <summary>
/// A steady mixed load: <see cref="Rate"/> requests a second, spread over the four lanes, six in ten quick, three in ten
/// sleeping, one in ten failing retryably. A request counts as accepted only when its submission completed (the broker
/// confirmed the publish, or the gateway answered 202); a refused or timed-out one is counted, not followed.
/// </summary>
internal sealed class FaultLoad(Func<RunPlan, string, CancellationToken, Task<Guid>> submit, double rate)
{
    /// <summary>Longer than this and a submission counts as refused (a broker or gateway that is down).</summary>
    private static readonly TimeSpan SubmitTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentQueue<AcceptedRun> _accepted = new();
    private int _refused;

    public double Rate { get; } = rate;

    public IReadOnlyList<AcceptedRun> Accepted => [.. _accepted.OrderBy(r => r.AcceptedAt)];

    public int Refused => _refused;

    /// <summary>The settings of the load: <c>OPSBUS_FAULTS_RATE</c> (runs/s) and <c>OPSBUS_FAULTS_DURATION</c> (seconds of load).</summary>
    public static (double Rate, TimeSpan Duration) Settings(double rate, TimeSpan duration) =>
        (Number("OPSBUS_FAULTS_RATE") ?? rate, Number("OPSBUS_FAULTS_DURATION") is { } seconds ? TimeSpan.FromSeconds(seconds) : duration);

    /// <summary>Submits over the test's own bus, as any publisher of <c>RunRequested</c> does.</summary>
    public static FaultLoad OverTheBus(DistributedCluster cluster, double rate) =>
        new((plan, lane, cancellationToken) => cluster.Request(plan, lane, cancellationToken: cancellationToken), rate);

    /// <summary>Submits through the gateway's <c>POST /api/runs</c>, as a client does.</summary>
    public static FaultLoad ThroughTheGateway(HttpClient gateway, double rate) =>
        new(async (plan, lane, cancellationToken) =>
        {
            using var response = await gateway.PostAsJsonAsync("/api/runs", new { plan = new { steps = plan.Steps }, lane }, Json, cancellationToken);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<RunSnapshot>(Json, cancellationToken))!.Id;
        }, rate);

    public static RunPlan Plan(LoadRunKind kind, int index) => kind switch
    {
        LoadRunKind.Quick => DistributedCluster.Plan(
            DistributedCluster.Echo("hello", $"quick run {index}"),
            DistributedCluster.Step("check", RunPhases.Verify, "echo", ("message", "verified"))),
        LoadRunKind.Sleeping => DistributedCluster.Plan(
            DistributedCluster.Echo("hello", $"sleeping run {index}"),
            DistributedCluster.Sleep("work", 1 + index % 3)),
        _ => DistributedCluster.Plan(
            DistributedCluster.Echo("hello", $"failing run {index}"),
            DistributedCluster.Step("flaky", RunPhases.Action, "fail", ("message", "flaky on purpose"), ("retryable", true))),
    };

    public static LoadRunKind KindOf(int index) => (index % 10) switch
    {
        < 6 => LoadRunKind.Quick,
        < 9 => LoadRunKind.Sleeping,
        _ => LoadRunKind.Failing,
    };

    /// <summary>Submits at the steady rate for <paramref name="duration"/>; <paramref name="at"/> actions run once their time has come.</summary>
    public async Task RunAsync(TimeSpan duration, params (TimeSpan After, Func<Task> Action)[] at)
    {
        var clock = Stopwatch.StartNew();
        var submissions = new List<Task>();
        var actions = new List<Task>();
        var pending = at.OrderBy(a => a.After).ToList();
        for (var index = 0; ; index++)
        {
            var due = TimeSpan.FromSeconds(index / Rate);
            if (due >= duration)
                break;
            while (pending.Count > 0 && pending[0].After <= due)
            {
                actions.Add(pending[0].Action());
                pending.RemoveAt(0);
            }
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            submissions.Add(SubmitAsync(index));
        }
        await Task.WhenAll(submissions);
        await Task.WhenAll(actions);
    }

    private async Task SubmitAsync(int index)
    {
        var kind = KindOf(index);
        using var timeout = new CancellationTokenSource(SubmitTimeout);
        try
        {
            var runId = await submit(Plan(kind, index), Lanes.Default[index % Lanes.Default.Count], timeout.Token);
            _accepted.Enqueue(new AcceptedRun(runId, kind, DateTime.UtcNow));
        }
        // Whatever the reason (broker or gateway down, connection reset, timeout, 5xx), the client was not told "accepted".
        catch (Exception)
        {
            Interlocked.Increment(ref _refused);
        }
    }

    private static double? Number(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? double.Parse(value, CultureInfo.InvariantCulture) : null;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
