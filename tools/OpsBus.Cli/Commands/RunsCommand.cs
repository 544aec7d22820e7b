using System.CommandLine;
using OpsBus.Cli.Api;
using OpsBus.Cli.Output;
using Spectre.Console;

namespace OpsBus.Cli.Commands;

/// <summary><c>opsbus runs ls|show|logs|cancel|retry|approve|reject</c>.</summary>
public static class RunsCommand
{
    public static Command Create(GlobalOptions options, CliContext context)
    {
        var runs = new Command("runs", "List, inspect and act on runs.");
        runs.Add(List(options, context));
        runs.Add(Show(options, context));
        runs.Add(Logs(options, context));
        runs.Add(Cancel(options, context));
        runs.Add(Retry(options, context));
        runs.Add(Approve(options, context));
        runs.Add(Reject(options, context));
        return runs;
    }

    private static Command List(GlobalOptions options, CliContext context)
    {
        var status = new Option<string?>("--status") { Description = "Only these statuses, comma-separated (e.g. running,queued)." };
        var lane = new Option<string?>("--lane") { Description = "Only this lane." };
        var template = new Option<string?>("--template") { Description = "Only runs of this template." };
        var session = new Option<string?>("--session") { Description = "Only runs of this session." };
        var search = new Option<string?>("--search", "-q") { Description = "Id prefix, template, environment or error text." };
        var limit = new Option<int?>("--limit") { Description = "At most this many (1 to 200; 50 by default)." };
        var cursor = new Option<string?>("--cursor") { Description = "Continue after a page (the nextCursor it gave)." };
        var command = new Command("ls", "List runs, newest first.") { status, lane, template, session, search, limit, cursor };
        command.Aliases.Add("list");
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var filter = new RunFilter(invocation.Value(status), invocation.Value(lane), invocation.Value(template), invocation.Value(session),
                invocation.Value(search), invocation.Value(limit), invocation.Value(cursor));
            var page = await invocation.Client.ListRunsAsync(filter, cancellationToken);
            if (invocation.Json)
                JsonOutput.Write(invocation.Context.Out, page.Json);
            else
                RunTables.List(invocation.Console, page.Value);
            return ExitCodes.Success;
        });
    }

    private static Command Show(GlobalOptions options, CliContext context)
    {
        var id = RunIdArgument();
        var command = new Command("show", "Show a run and its steps.") { id };
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var run = await invocation.Client.GetRunAsync(CommandActions.RunId(invocation.Value(id)), cancellationToken);
            if (invocation.Json)
                JsonOutput.Write(invocation.Context.Out, run.Json);
            else
                RunTables.Detail(invocation.Console, run.Value);
            return ExitCodes.Success;
        });
    }

    private static Command Logs(GlobalOptions options, CliContext context)
    {
        var id = RunIdArgument();
        var follow = FollowOption();
        var command = new Command("logs", "Print a run's log; --follow keeps printing until it ends.") { id, follow };
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var runId = CommandActions.RunId(invocation.Value(id));
            if (invocation.Value(follow))
                return await FollowRun.FollowAsync(invocation, runId, cancellationToken);

            var lines = new List<Orchestrator.Api.RunEvent>();
            var json = new List<System.Text.Json.JsonElement>();
            long after = 0;
            while (true)
            {
                var page = await invocation.Client.GetLogAsync(runId, after, 1000, cancellationToken);
                lines.AddRange(page.Value.Items);
                json.AddRange(page.Json.GetProperty("items").EnumerateArray());
                if (page.Value.Items.Count < 1000)
                    break;
                after = page.Value.Items[^1].Seq;
            }
            if (invocation.Json)
                JsonOutput.Write(invocation.Context.Out, System.Text.Json.JsonSerializer.SerializeToElement(new { items = json }));
            else
                RunTables.Log(invocation.Console, lines);
            return ExitCodes.Success;
        });
    }

    private static Command Cancel(GlobalOptions options, CliContext context)
    {
        var id = RunIdArgument();
        var reason = new Option<string?>("--reason") { Description = "Why, recorded on the run." };
        var follow = FollowOption();
        var command = new Command("cancel", "Cancel a run that has not finished.") { id, reason, follow };
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var run = await invocation.Client.CancelRunAsync(CommandActions.RunId(invocation.Value(id)), invocation.Value(reason), cancellationToken);
            if (invocation.Value(follow))
                return await FollowRun.FollowAsync(invocation, run.Value.Id, cancellationToken);
            Report(invocation, run, $"Cancelling run {run.Value.Id}.");
            return ExitCodes.Success;
        });
    }

    private static Command Retry(GlobalOptions options, CliContext context)
    {
        var id = RunIdArgument();
        var follow = FollowOption();
        var command = new Command("retry", "Run a finished run's plan again as a new run.") { id, follow };
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var run = await invocation.Client.RetryRunAsync(CommandActions.RunId(invocation.Value(id)), Guid.NewGuid().ToString("N"), cancellationToken);
            if (invocation.Value(follow))
                return await FollowRun.FollowAsync(invocation, run.Value.Id, cancellationToken);
            Report(invocation, run, $"Retrying as run {run.Value.Id}.");
            return ExitCodes.Success;
        });
    }

    private static Command Approve(GlobalOptions options, CliContext context)
    {
        var id = RunIdArgument();
        var planHash = new Option<string?>("--plan-hash") { Description = "The approval.planHash you reviewed; without it the run is shown and you confirm." };
        var comment = new Option<string?>("--comment") { Description = "Recorded with the decision." };
        var yes = YesOption();
        var command = new Command("approve", "Approve a run awaiting approval.") { id, planHash, comment, yes };
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var runId = CommandActions.RunId(invocation.Value(id));
            var hash = invocation.Value(planHash);
            if (string.IsNullOrWhiteSpace(hash))
            {
                var run = (await invocation.Client.GetRunAsync(runId, cancellationToken)).Value;
                if (!invocation.Json)
                    RunTables.Detail(invocation.Console, run);
                hash = run.Approval?.PlanHash ?? throw CliException.Failure($"Run {runId} is {run.Status} and has no approval to decide.");
                if (!await Confirmation.AskAsync(invocation, invocation.Value(yes), $"Approve run {runId}?", cancellationToken))
                    return ExitCodes.Usage;
            }
            var approved = await invocation.Client.ApproveRunAsync(runId, hash, invocation.Value(comment), cancellationToken);
            Report(invocation, approved, $"Approved run {runId}.");
            return ExitCodes.Success;
        });
    }

    private static Command Reject(GlobalOptions options, CliContext context)
    {
        var id = RunIdArgument();
        var comment = new Option<string?>("--comment") { Description = "Why, recorded with the decision." };
        var command = new Command("reject", "Reject a run awaiting approval.") { id, comment };
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var rejected = await invocation.Client.RejectRunAsync(CommandActions.RunId(invocation.Value(id)), invocation.Value(comment), cancellationToken);
            Report(invocation, rejected, $"Rejected run {rejected.Value.Id}.");
            return ExitCodes.Success;
        });
    }

    private static void Report(Invocation invocation, ApiResponse<Contracts.RunSnapshot> run, string sentence)
    {
        if (invocation.Json)
            JsonOutput.Write(invocation.Context.Out, run.Json);
        else
            invocation.Console.MarkupLine(Markup.Escape(sentence));
    }

    internal static Argument<string> RunIdArgument() => new("id") { Description = "The run's id." };

    internal static Option<bool> FollowOption() => new("--follow", "-f") { Description = "Follow the run live until it ends; exit with its outcome (0 succeeded, 1 failed, 3 cancelled, 4 rejected)." };

    internal static Option<bool> YesOption() => new("--yes", "-y") { Description = "Do not ask for confirmation." };
}
