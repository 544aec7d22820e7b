using System.Globalization;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Api;
using Spectre.Console;

namespace OpsBus.Cli.Output;

/// <summary>Runs for people: a list, one run in detail, and its log.</summary>
public static class RunTables
{
    public static void List(IAnsiConsole console, RunPage page)
    {
        var table = new Table().AddColumns("Id", "Status", "Template", "Env", "Lane", "Attempt", "Requested by", "Created");
        // Ids are copied into the next command: never wrapped.
        table.Columns[0].NoWrap = true;
        foreach (var run in page.Items)
            table.AddRow(
                Markup.Escape(run.Id.ToString()), Status(run.Status), Text(run.Template), Text(run.Environment), Markup.Escape(run.Lane),
                $"{run.Attempt}/{run.MaxAttempts}", Text(run.RequestedBy), When(run.CreatedAt));
        console.Write(table);
        if (page.NextCursor is { } next)
            console.MarkupLineInterpolated($"[grey]More: --cursor {next}[/]");
    }

    public static void Detail(IAnsiConsole console, RunSnapshot run)
    {
        var facts = new Grid().AddColumn().AddColumn();
        facts.AddRow("[bold]Run[/]", Markup.Escape(run.Id.ToString()));
        facts.AddRow("[bold]Status[/]", Status(run.Status));
        facts.AddRow("[bold]Template[/]", run.Template is null ? "[grey]inline plan[/]" : Markup.Escape($"{run.Template} v{run.TemplateVersion}"));
        facts.AddRow("[bold]Environment[/]", Text(run.Environment));
        facts.AddRow("[bold]Lane[/]", Markup.Escape(run.Lane) + (run.SessionId is { } session ? Markup.Escape($" (session {session})") : ""));
        facts.AddRow("[bold]Attempt[/]", $"{run.Attempt}/{run.MaxAttempts}");
        facts.AddRow("[bold]Risk[/]", Text(run.Risk));
        if (run.Approval is { } approval)
            facts.AddRow("[bold]Approval[/]", Markup.Escape($"{approval.Status}" + (approval.DecidedBy is { } by ? $" by {by}" : "")
                + (approval.Status == "pending" ? $", plan hash {approval.PlanHash}" : "")));
        facts.AddRow("[bold]Requested by[/]", Text(run.RequestedBy));
        facts.AddRow("[bold]Created[/]", When(run.CreatedAt));
        facts.AddRow("[bold]Finished[/]", run.FinishedAt is { } finished ? When(finished) : "[grey]-[/]");
        if (run.Parameters is { Count: > 0 } parameters)
            facts.AddRow("[bold]Parameters[/]", Markup.Escape(string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}"))));
        if (run.Error is { } error)
            facts.AddRow("[bold]Error[/]", $"[red]{Markup.Escape(error)}[/]");
        console.Write(facts);

        var steps = new Table().AddColumns("Step", "Title", "Phase", "Action", "Status", "Error");
        foreach (var step in run.Steps)
            steps.AddRow(Markup.Escape(step.Id), Markup.Escape(step.Title), Markup.Escape(step.Phase), Markup.Escape(step.Action), Status(step.Status), Text(step.Error));
        console.Write(steps);
    }

    public static void Log(IAnsiConsole console, IEnumerable<RunEvent> lines)
    {
        foreach (var line in lines)
            console.MarkupLineInterpolated($"[grey]{line.Ts.ToLocalTime():HH:mm:ss}[/] [blue]{line.Source}[/] {line.Level}: {line.Message}");
    }

    /// <summary>The last line of a followed run.</summary>
    public static void Outcome(IAnsiConsole console, RunSnapshot run)
    {
        var took = run.FinishedAt - (run.StartedAt ?? run.CreatedAt) is { } duration && duration > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $" in {duration.TotalSeconds:0.0} s")
            : "";
        console.MarkupLine($"Run {Markup.Escape(run.Id.ToString())} {Status(run.Status)}{took}" + (run.Error is { } error ? $": [red]{Markup.Escape(error)}[/]" : "."));
    }

    public static string Status(string status) => status switch
    {
        RunStatuses.Succeeded => "[green]succeeded[/]",
        RunStatuses.Failed => "[red]failed[/]",
        RunStatuses.Cancelled or RunStatuses.Cancelling => $"[yellow]{status}[/]",
        RunStatuses.Rejected => "[red]rejected[/]",
        RunStatuses.AwaitingApproval => "[magenta]awaiting approval[/]",
        _ => $"[blue]{Markup.Escape(status)}[/]",
    };

    public static string Text(string? value) => value is null ? "[grey]-[/]" : Markup.Escape(value);

    public static string When(DateTime at) => Markup.Escape(at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
}
