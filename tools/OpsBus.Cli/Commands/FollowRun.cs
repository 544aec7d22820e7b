using OpsBus.Cli.Following;
using OpsBus.Cli.Output;
using OpsBus.Contracts;
using Spectre.Console;

namespace OpsBus.Cli.Commands;

/// <summary><c>--follow</c> for every command that starts or names a run: the live view, then the run's outcome as the exit code.</summary>
internal static class FollowRun
{
    public static async Task<int> FollowAsync(Invocation invocation, Guid runId, CancellationToken cancellationToken)
    {
        var follower = new RunFollower(invocation.Client, invocation.Context.Error);
        RunSnapshot finished;
        if (invocation.Json)
        {
            finished = await follower.FollowAsync(runId, new SilentRunView(), cancellationToken);
            JsonOutput.Write(invocation.Context.Out, (await invocation.Client.GetRunAsync(runId, cancellationToken)).Json);
            return ExitCodes.OfRun(finished.Status);
        }

        finished = await invocation.Console.Progress()
            .AutoClear(false)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .StartAsync(progress => follower.FollowAsync(runId, new ProgressRunView(invocation.Console, progress), cancellationToken));
        RunTables.Outcome(invocation.Console, finished);
        return ExitCodes.OfRun(finished.Status);
    }
}
