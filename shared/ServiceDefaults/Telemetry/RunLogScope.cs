namespace OpsBus.ServiceDefaults.Telemetry;

/// <summary>The keys of the log scope every consumer runs in (<see cref="RunLogScopeFilter{T}"/>).</summary>
public static class RunLogScope
{
    public const string RunId = "RunId";
    public const string Attempt = "Attempt";
}
