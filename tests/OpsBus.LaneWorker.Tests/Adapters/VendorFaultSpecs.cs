using System.Diagnostics;

namespace OpsBus.LaneWorker.Tests.Adapters;

/// <summary>
/// How every vendor adapter behaves against a misbehaving API, proved per vendor with one representative call:
/// the credential goes in the Authorization header and nowhere else, 429/5xx are retried (honouring Retry-After),
/// what stays broken fails retryably, 4xx fails for good, cancellation ends the call, and no token fails clearly.
/// </summary>
public abstract class VendorFaultSpecs
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(3);

    /// <summary>The authorization header value the vendor expects.</summary>
    private protected virtual string ExpectedAuthorization => $"Bearer {VendorFake.Token}";

    private protected abstract Task<VendorFake> StartFake();

    /// <summary>The action of the probe and its inputs; the probe succeeds against a healthy fake.</summary>
    private protected abstract (string Action, (string Name, object Value)[] Inputs) Probe { get; }

    /// <summary>A part of the path of the probe's (first) call, where faults are injected.</summary>
    private protected abstract string ProbePath { get; }

    private async Task<StepRun> RunProbe(AdapterRig rig, CancellationToken cancellationToken = default) =>
        await rig.Run(Probe.Action, cancellationToken, Probe.Inputs);

    [Fact]
    public async Task Should_send_the_token_as_a_bearer_credential_and_show_it_nowhere()
    {
        await using var fake = await StartFake();
        await using var rig = fake.Rig();

        var run = (await RunProbe(rig)).Succeeded();

        Assert.NotEmpty(fake.Server.Requests);
        Assert.All(fake.Server.Requests, r => Assert.Equal(ExpectedAuthorization, r.Authorization));
        Assert.DoesNotContain(VendorFake.Token, run.Visible, StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Logs.Lines, m => m.Contains(VendorFake.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_wait_as_long_as_retry_after_says_then_succeed()
    {
        await using var fake = await StartFake();
        await using var rig = fake.Rig();
        fake.Server.Fail(429, path: ProbePath, retryAfterSeconds: 1);

        (await RunProbe(rig)).Succeeded();

        var calls = fake.Server.RequestsTo(ProbePath);
        Assert.True(calls.Count >= 2);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Should_retry_a_server_error_then_succeed()
    {
        await using var fake = await StartFake();
        await using var rig = fake.Rig();
        fake.Server.Fail(503, times: 2, path: ProbePath);

        (await RunProbe(rig)).Succeeded();

        Assert.True(fake.Server.RequestsTo(ProbePath).Count >= 3);
    }

    [Fact]
    public async Task Should_fail_retryably_when_the_server_keeps_failing()
    {
        await using var fake = await StartFake();
        await using var rig = fake.Rig();
        fake.Server.FailAlways(503, ProbePath);

        var failure = (await RunProbe(rig)).Failed;

        Assert.True(failure.Retryable);
        Assert.Contains("503", failure.Message);
        Assert.DoesNotContain(VendorFake.Token, failure.Message, StringComparison.Ordinal);
        Assert.Equal(1 + AdapterRig.MaxRetries, fake.Server.RequestsTo(ProbePath).Count);
    }

    [Fact]
    public async Task Should_fail_for_good_on_a_client_error_without_retrying()
    {
        await using var fake = await StartFake();
        await using var rig = fake.Rig();
        fake.Server.Fail(422, path: ProbePath);

        var failure = (await RunProbe(rig)).Failed;

        Assert.False(failure.Retryable);
        Assert.Contains("422", failure.Message);
        Assert.Contains("injected fault", failure.Message);
        Assert.DoesNotContain(VendorFake.Token, failure.Message, StringComparison.Ordinal);
        Assert.Single(fake.Server.RequestsTo(ProbePath));
    }

    [Fact]
    public async Task Should_stop_promptly_when_cancelled_mid_call()
    {
        await using var fake = await StartFake();
        await using var rig = fake.Rig();
        fake.Server.Hold(ProbePath);
        using var cancellation = new CancellationTokenSource();

        var running = RunProbe(rig, cancellation.Token);
        await fake.Server.Held.WaitAsync(Prompt);
        var stopwatch = Stopwatch.StartNew();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Prompt));
        Assert.True(stopwatch.Elapsed < Prompt);
    }

    [Fact]
    public async Task Should_fail_for_good_naming_the_setting_when_no_token_is_configured()
    {
        await using var fake = await StartFake();
        await using var rig = fake.Rig(token: null);

        var failure = (await RunProbe(rig)).Failed;

        Assert.False(failure.Retryable);
        Assert.Contains($"LaneWorker:{fake.Vendor}:Token", failure.Message);
        Assert.Empty(fake.Server.Requests);
    }
}
