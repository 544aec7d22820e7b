namespace OpsBus.Orchestrator.Runs;

/// <summary>
/// Remembers when a periodic sweep last acted on each key, so that it acts on a key again only once a given time has
/// passed: a run's lost send is repaired once per window, not at every sweep. Keys no longer offered are forgotten.
/// </summary>
public sealed class SweepThrottle<TKey>
    where TKey : notnull
{
    private Dictionary<TKey, DateTime> _actedAt = [];

    /// <summary>
    /// Of the keys found this sweep (each with how long to leave it alone after acting on it), those to act on now; they
    /// are remembered as acted on at <paramref name="now"/>.
    /// </summary>
    public IReadOnlyList<TKey> Admit(IEnumerable<(TKey Key, TimeSpan Every)> found, DateTime now)
    {
        var next = new Dictionary<TKey, DateTime>();
        var admitted = new List<TKey>();
        foreach (var (key, every) in found)
        {
            if (next.ContainsKey(key))
                continue;
            if (_actedAt.TryGetValue(key, out var at) && now - at <= every)
            {
                next[key] = at;
                continue;
            }
            next[key] = now;
            admitted.Add(key);
        }
        _actedAt = next;
        return admitted;
    }
}
