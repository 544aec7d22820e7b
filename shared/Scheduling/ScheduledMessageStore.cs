using Microsoft.EntityFrameworkCore;

namespace OpsBus.Scheduling;

/// <summary>
/// Every query the scheduler makes, on whatever <see cref="DbContext" /> the host maps the tables into.
/// Each statement commits on its own; the order of the writes is what keeps cancel and schedule consistent.
/// </summary>
internal sealed class ScheduledMessageStore(DbContext db)
{
    DbSet<ScheduledMessage> Messages => db.Set<ScheduledMessage>();

    DbSet<ScheduledMessageTombstone> Tombstones => db.Set<ScheduledMessageTombstone>();

    /// <summary>Stores the message unless its token is already stored, cancelled or sent. True when stored now.</summary>
    /// <remarks>
    /// Two statements on the common path: insert, then look for a tombstone. A cancel or a send always writes its
    /// tombstone before deleting the row, so whichever order they run in, a retired token never stays stored. Between
    /// the two statements a retired token's row is visible, and due if its time has passed: the dispatcher checks for a
    /// tombstone after claiming a row (<see cref="DropIfRetired" />), so such a row is never sent.
    /// </remarks>
    public async Task<bool> TryAdd(ScheduledMessage message, CancellationToken cancellationToken)
    {
        var tokenId = message.TokenId;
        if (!await TryInsert(message, () => Messages.AnyAsync(x => x.TokenId == tokenId, cancellationToken), cancellationToken))
            return false;

        if (await IsRetired(tokenId, cancellationToken))
        {
            await Delete(tokenId, cancellationToken);
            return false;
        }

        return true;
    }

    /// <summary>Remembers the token as cancelled or sent, then deletes its message if it is still stored.</summary>
    public async Task Retire(Guid tokenId, TombstoneReason reason, CancellationToken cancellationToken)
    {
        var tombstone = new ScheduledMessageTombstone { TokenId = tokenId, Reason = reason, RetiredAt = DateTime.UtcNow };
        await TryInsert(tombstone, () => IsRetired(tokenId, cancellationToken), cancellationToken);
        await Delete(tokenId, cancellationToken);
    }

    /// <summary>
    /// Deletes the token's message if it is still stored. For a row written in its scheduler's own transaction, which no
    /// late <c>ScheduleMessage</c> can bring back, so no tombstone is needed.
    /// </summary>
    public Task Remove(Guid tokenId, CancellationToken cancellationToken) => Delete(tokenId, cancellationToken);

    public Task<List<ScheduledMessage>> FindDue(DateTime now, int batchSize, CancellationToken cancellationToken) =>
        Messages.AsNoTracking()
            .Where(x => x.DueAt <= now && (x.LockedUntil == null || x.LockedUntil < now))
            .OrderBy(x => x.DueAt)
            .Take(batchSize)
            .ToListAsync(cancellationToken);

    /// <summary>Atomically reserves the row for <paramref name="owner" /> unless another dispatcher holds a live claim.</summary>
    public async Task<bool> TryClaim(Guid tokenId, string owner, DateTime lockedUntil, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var claimed = await Messages
            .Where(x => x.TokenId == tokenId && (x.LockedUntil == null || x.LockedUntil < now))
            .ExecuteUpdateAsync(set => set
                .SetProperty(x => x.LockOwner, owner)
                .SetProperty(x => x.LockedUntil, lockedUntil), cancellationToken);
        return claimed == 1;
    }

    /// <summary>
    /// For a claimed row: when its token was cancelled or already sent (a redelivered <c>ScheduleMessage</c> stored it
    /// again, and has not yet seen the tombstone), deletes it and returns true; it must not be sent.
    /// </summary>
    public async Task<bool> DropIfRetired(Guid tokenId, CancellationToken cancellationToken)
    {
        if (!await IsRetired(tokenId, cancellationToken))
            return false;
        await Delete(tokenId, cancellationToken);
        return true;
    }

    /// <summary>Keeps the claim only until <paramref name="retryAt" />, so any dispatcher tries the row again then.</summary>
    public Task ShortenClaim(Guid tokenId, string owner, DateTime retryAt, CancellationToken cancellationToken) =>
        Messages
            .Where(x => x.TokenId == tokenId && x.LockOwner == owner)
            .ExecuteUpdateAsync(set => set.SetProperty(x => x.LockedUntil, retryAt), cancellationToken);

    /// <summary>The earliest due time among rows nobody holds a live claim on.</summary>
    public Task<DateTime?> NextDueAt(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        return Messages
            .Where(x => x.LockedUntil == null || x.LockedUntil < now)
            .OrderBy(x => x.DueAt)
            .Select(x => (DateTime?)x.DueAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public Task<int> PurgeTombstones(DateTime retiredBefore, CancellationToken cancellationToken) =>
        Tombstones.Where(x => x.RetiredAt < retiredBefore).ExecuteDeleteAsync(cancellationToken);

    Task<bool> IsRetired(Guid tokenId, CancellationToken cancellationToken) =>
        Tombstones.AnyAsync(x => x.TokenId == tokenId, cancellationToken);

    Task Delete(Guid tokenId, CancellationToken cancellationToken) =>
        Messages.Where(x => x.TokenId == tokenId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// Inserts, treating a key conflict (another consumer or instance won the race) as "already there".
    /// Conflicts are recognised by re-reading, which works on every provider without knowing its error codes.
    /// </summary>
    async Task<bool> TryInsert(object entity, Func<Task<bool>> alreadyStored, CancellationToken cancellationToken)
    {
        var entry = db.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await alreadyStored())
                return false;
            throw;
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }
}
