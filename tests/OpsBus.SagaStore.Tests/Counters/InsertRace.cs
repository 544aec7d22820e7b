namespace OpsBus.SagaStore.Tests.Counters;

/// <summary>
/// Lets a test hold the first messages that create a counter until all of them have found no row, so that they
/// really insert the same correlation id at once. Until armed it lets every message through.
/// </summary>
public sealed class InsertRace
{
    TaskCompletionSource? _allArrived;
    int _participants;
    int _arrivals;

    public void Arm(int participants)
    {
        _participants = participants;
        _allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task Join()
    {
        if (_allArrived is not { } allArrived)
            return Task.CompletedTask;

        var arrival = Interlocked.Increment(ref _arrivals);
        if (arrival == _participants)
            allArrived.TrySetResult();

        return arrival <= _participants ? allArrived.Task : Task.CompletedTask;
    }
}
