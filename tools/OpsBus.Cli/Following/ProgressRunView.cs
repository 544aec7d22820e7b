using OpsBus.Contracts;
using OpsBus.Orchestrator.Api;
using Spectre.Console;

namespace OpsBus.Cli.Following;

/// <summary>
/// A followed run for people: one progress row per step (spinning while it runs, full when done, marked by how it
/// ended) and the log lines printed above as they come. A step that writes a line is running even before the next
/// status push says so.
/// </summary>
public sealed class ProgressRunView(IAnsiConsole console, ProgressContext progress) : IRunView
{
    private readonly Dictionary<string, (ProgressTask Task, StepSnapshot Step)> _steps = new(StringComparer.Ordinal);

    public void Show(RunSnapshot run)
    {
        foreach (var step in run.Steps)
        {
            if (!_steps.TryGetValue(step.Id, out var row))
                row = (progress.AddTask(Describe(step), autoStart: false, maxValue: 1), step);
            _steps[step.Id] = (row.Task, step);
            Render(row.Task, step);
        }
        progress.Refresh();
    }

    public void Write(IReadOnlyList<RunEvent> lines)
    {
        foreach (var line in lines)
        {
            var colour = line.Level switch { "error" => "red", "warn" => "yellow", "debug" => "grey", _ => "default" };
            console.MarkupLineInterpolated($"[grey]{line.Ts.ToLocalTime():HH:mm:ss}[/] [blue]{line.Source}[/] [{colour}]{line.Message}[/]");
            if (_steps.TryGetValue(line.Source, out var row) && row.Step.Status == "pending")
            {
                var running = row.Step with { Status = RunStatuses.Running };
                _steps[line.Source] = (row.Task, running);
                Render(row.Task, running);
            }
        }
        progress.Refresh();
    }

    private static void Render(ProgressTask task, StepSnapshot step)
    {
        task.Description = Describe(step);
        switch (step.Status)
        {
            case "pending":
                break;
            case "running":
                if (!task.IsStarted)
                    task.StartTask();
                task.IsIndeterminate = true;
                break;
            default:
                if (!task.IsStarted)
                    task.StartTask();
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
                break;
        }
    }

    private static string Describe(StepSnapshot step)
    {
        var mark = step.Status switch
        {
            "succeeded" => "[green]✓[/]",
            "failed" => "[red]✗[/]",
            "cancelled" => "[yellow]⊘[/]",
            "skipped" => "[grey]–[/]",
            "running" => "[blue]›[/]",
            _ => "[grey]·[/]",
        };
        return $"{mark} {Markup.Escape(step.Title)} [grey]({Markup.Escape(step.Status)})[/]";
    }
}
