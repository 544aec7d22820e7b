namespace OpsBus.Notifier.Notifications.Delivery;

/// <summary>Wakes the dispatcher when there may be work (a delivery was queued, a channel freed up) instead of waiting for its next poll.</summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Set()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already set: one wake-up covers every reason.
        }
    }

    /// <summary>Returns when set or after <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
