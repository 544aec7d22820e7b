namespace OpsBus.Notifier.Hubs;

/// <summary>
/// The connections of this instance and what each follows. Kept here rather than in SignalR groups so that a message
/// reaches a connection once however many of its subscriptions match, and so that nothing is built for a run no one follows.
/// </summary>
public sealed class RunSubscriptions
{
    private readonly Lock _lock = new();
    private readonly Dictionary<RunAudience, HashSet<string>> _connectionsByAudience = [];
    private readonly Dictionary<string, HashSet<RunAudience>> _audiencesByConnection = [];

    public void Add(string connectionId, RunAudience audience)
    {
        lock (_lock)
        {
            if (!_connectionsByAudience.TryGetValue(audience, out var connections))
                _connectionsByAudience[audience] = connections = [];
            connections.Add(connectionId);
            if (!_audiencesByConnection.TryGetValue(connectionId, out var audiences))
                _audiencesByConnection[connectionId] = audiences = [];
            audiences.Add(audience);
        }
    }

    public void Remove(string connectionId, RunAudience audience)
    {
        lock (_lock)
        {
            Detach(connectionId, audience);
            if (_audiencesByConnection.TryGetValue(connectionId, out var audiences) && audiences.Remove(audience) && audiences.Count == 0)
                _audiencesByConnection.Remove(connectionId);
        }
    }

    public void RemoveConnection(string connectionId)
    {
        lock (_lock)
        {
            if (!_audiencesByConnection.Remove(connectionId, out var audiences))
                return;
            foreach (var audience in audiences)
                Detach(connectionId, audience);
        }
    }

    public bool IsEmpty
    {
        get
        {
            lock (_lock)
                return _audiencesByConnection.Count == 0;
        }
    }

    /// <summary>The connections following any of the audiences, each once.</summary>
    public IReadOnlyList<string> ConnectionsOf(IReadOnlyList<RunAudience> audiences)
    {
        lock (_lock)
        {
            HashSet<string>? result = null;
            foreach (var audience in audiences)
            {
                if (_connectionsByAudience.TryGetValue(audience, out var connections))
                    (result ??= []).UnionWith(connections);
            }
            return result is null ? [] : [.. result];
        }
    }

    private void Detach(string connectionId, RunAudience audience)
    {
        if (_connectionsByAudience.TryGetValue(audience, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            _connectionsByAudience.Remove(audience);
    }
}
