using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace OpsBus.Scheduling;

/// <summary>
/// Schedules into the consumer's own unit of work instead of over the bus: the row is added to the message's
/// <typeparamref name="TDbContext" /> and commits with whatever the consumer saves next (a saga's new state), or not at
/// all. A cancel deletes the row. MassTransit's in-memory outbox defers cancels until the consumer's save succeeded, and
/// a retry runs in a fresh message scope, so an attempt that lost a race neither cancels nor leaves anything.
/// </summary>
internal sealed class TransactionalScheduleMessageProvider<TDbContext>(ConsumeContext context, TDbContext db, DispatchWakeup wakeup) :
    BaseScheduleMessageProvider
    where TDbContext : DbContext
{
    DateTime? _earliestUnsaved;

    protected override Task ScheduleSend(ScheduleMessage message, IPipe<SendContext<ScheduleMessage>> pipe, CancellationToken cancellationToken)
    {
        var row = ScheduledMessageRows.Create(message, context);
        db.Add(row);

        if (_earliestUnsaved is null)
            db.SavedChanges += OnSaved;
        if (_earliestUnsaved is null || row.DueAt < _earliestUnsaved)
            _earliestUnsaved = row.DueAt;
        return Task.CompletedTask;
    }

    protected override Task CancelScheduledSend(Guid tokenId, Uri destinationAddress, CancellationToken cancellationToken) =>
        new ScheduledMessageStore(db).Remove(tokenId, cancellationToken);

    /// <summary>Wakes the dispatcher once the rows are committed, not before, or it could look and find nothing yet.</summary>
    void OnSaved(object? sender, SavedChangesEventArgs e)
    {
        db.SavedChanges -= OnSaved;
        var dueAt = _earliestUnsaved!.Value;
        _earliestUnsaved = null;
        wakeup.Notify(dueAt);
    }
}
