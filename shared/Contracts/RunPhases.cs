namespace OpsBus.Contracts;

/// <summary>The phases of a plan, in the order a worker executes them.</summary>
public static class RunPhases
{
    /// <summary>Checks inputs before anything is touched.</summary>
    public const string Validate = "validate";

    /// <summary>Checks the target is ready.</summary>
    public const string Preflight = "preflight";

    /// <summary>Does the work.</summary>
    public const string Action = "action";

    /// <summary>Checks the work took effect.</summary>
    public const string Verify = "verify";

    /// <summary>Gathers proof; runs even after a failure or a cancel.</summary>
    public const string Summarize = "summarize";

    /// <summary>All phases in execution order.</summary>
    public static IReadOnlyList<string> Ordered { get; } = [Validate, Preflight, Action, Verify, Summarize];

    /// <summary>The position of a phase in <see cref="Ordered"/>, or -1 when it is not a phase.</summary>
    public static int IndexOf(string phase) => Ordered.ToList().IndexOf(phase);
}
