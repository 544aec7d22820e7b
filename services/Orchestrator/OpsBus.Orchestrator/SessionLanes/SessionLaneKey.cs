using System.Security.Cryptography;
using System.Text;

namespace OpsBus.Orchestrator.SessionLanes;

/// <summary>The correlation id of a session-lane: a stable hash of session and lane, so any service can address it.</summary>
public static class SessionLaneKey
{
    public static Guid For(string sessionId, string lane)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"session-lane\n{sessionId}\n{lane.Trim().ToUpperInvariant()}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
