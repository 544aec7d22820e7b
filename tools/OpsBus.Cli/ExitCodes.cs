using OpsBus.Contracts;

namespace OpsBus.Cli;

/// <summary>
/// What <c>opsbus</c> exits with. A command that waits for a run (<c>--follow</c>) exits with the run's outcome:
/// 0 succeeded, 1 failed, 3 cancelled, 4 rejected (by an approver, or its approval expired).
/// </summary>
public static class ExitCodes
{
    /// <summary>Done; for a followed run, it succeeded.</summary>
    public const int Success = 0;

    /// <summary>The API refused or could not be reached, or the followed run failed.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or input: unknown option, invalid parameter, a validation problem from the API, nothing to confirm with.</summary>
    public const int Usage = 2;

    /// <summary>The followed run was cancelled.</summary>
    public const int Cancelled = 3;

    /// <summary>The followed run was rejected, or nobody approved it in time.</summary>
    public const int Rejected = 4;

    /// <summary>The exit code of a finished run's status.</summary>
    public static int OfRun(string status) => status switch
    {
        RunStatuses.Succeeded => Success,
        RunStatuses.Cancelled => Cancelled,
        RunStatuses.Rejected => Rejected,
        _ => Failure,
    };
}
