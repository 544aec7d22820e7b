using OpsBus.LaneWorker.Execution;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_a_cancel_meets_the_claim_on_the_worker
{
    [Fact]
    public void Should_cancel_the_attempt_whichever_of_the_two_comes_first()
    {
        const int Rounds = 50_000;
        var runs = new ActiveRuns(TimeProvider.System);
        var runIds = Enumerable.Range(0, Rounds).Select(_ => Guid.NewGuid()).ToArray();
        var executions = new RunExecution?[Rounds];
        using var round = new Barrier(2);
        var claims = new Thread(() =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                round.SignalAndWait();
                executions[i] = runs.Begin(runIds[i], 1, DateTime.UtcNow);
            }
        });
        var cancels = new Thread(() =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                round.SignalAndWait();
                runs.RequestCancel(runIds[i], 1);
            }
        });

        claims.Start();
        cancels.Start();
        claims.Join();
        cancels.Join();

        var lost = executions.Count(e => e?.Reason != StopReason.Cancelled);
        Assert.True(lost == 0, $"{lost} of {Rounds} cancels lost");
    }

    [Fact]
    public void Should_acknowledge_a_repeated_request_for_an_attempt_it_is_stopping()
    {
        var runs = new ActiveRuns(TimeProvider.System);
        var runId = Guid.NewGuid();
        var execution = runs.Begin(runId, 1, DateTime.UtcNow)!;

        Assert.Equal((true, true), (runs.RequestCancel(runId, 1), runs.RequestCancel(runId, 1)));
        Assert.True(execution.Stopping.IsCancellationRequested);
        Assert.False(runs.RequestCancel(runId, 2));
    }
}
