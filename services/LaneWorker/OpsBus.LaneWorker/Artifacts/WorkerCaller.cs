namespace OpsBus.LaneWorker.Artifacts;

/// <summary>Who a worker is to the artifacts service: the name recorded as an artifact's creator, and its role.</summary>
public static class WorkerCaller
{
    /// <summary>The role the artifacts service lets add to every run; no API key can carry it.</summary>
    public const string Role = "worker";

    /// <summary>The setting that holds the secret the services behind the gateway share.</summary>
    public const string InternalSecretSetting = "OpsBus:InternalSecret";

    /// <summary><c>worker:&lt;worker id&gt;</c>.</summary>
    public static string NameOf(string workerId) => $"worker:{workerId}";
}
