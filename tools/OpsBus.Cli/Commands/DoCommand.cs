using System.CommandLine;
using System.Globalization;
using OpsBus.Cli.Api;
using OpsBus.Orchestrator.Api;
using Spectre.Console;

namespace OpsBus.Cli.Commands;

/// <summary>
/// <c>opsbus do "deploy staging"</c>: the sentence read into a plan card, the card shown (secrets as ***), a
/// confirmation, then the run. A sentence not understood, or a card still missing something, is a usage error (2).
/// </summary>
public static class DoCommand
{
    public static Command Create(GlobalOptions options, CliContext context)
    {
        var text = new Argument<string>("text") { Description = "What to do, e.g. \"check staging health\"." };
        var yes = RunsCommand.YesOption();
        var follow = RunsCommand.FollowOption();
        var command = new Command("do", "Say what to do; review the plan it makes; run it.") { text, yes, follow };
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var card = (await invocation.Client.ParseIntentAsync(invocation.Value(text), cancellationToken)).Value;
            if (card.Template is not { } slug)
                throw CliException.Usage("Not understood." + Suggest(card));

            var declared = await TemplateParameters.ReadAsync(invocation.Client, slug, cancellationToken);
            if (!invocation.Json)
                Show(invocation.Console, card, declared);
            if (card.Missing.Count > 0)
                throw CliException.Usage($"The plan still needs {string.Join(", ", card.Missing)}: say it in the sentence, or use opsbus run {slug} -p key=value --env ...");
            if (!await Confirmation.AskAsync(invocation, invocation.Value(yes), $"Run {slug}{(card.Environment is { } env ? $" in {env}" : "")}?", cancellationToken))
                return ExitCodes.Usage;

            var request = new CreateRunRequest
            {
                Template = slug,
                Params = card.Params?.ToDictionary(),
                Environment = card.Environment,
                Lane = card.Lane,
            };
            return await RunCommand.SubmitAsync(invocation, request, invocation.Value(follow), cancellationToken);
        });
    }

    private static void Show(IAnsiConsole console, PlanCard card, TemplateParameters declared)
    {
        var facts = new Grid().AddColumn().AddColumn();
        facts.AddRow("[bold]Template[/]", Markup.Escape($"{card.Template} — {declared.Template.Title}"));
        facts.AddRow("[bold]Environment[/]", Output.RunTables.Text(card.Environment));
        facts.AddRow("[bold]Lane[/]", Output.RunTables.Text(card.Lane));
        facts.AddRow("[bold]Risk[/]", Output.RunTables.Text(card.Risk));
        facts.AddRow("[bold]Confidence[/]", card.Confidence.ToString("P0", CultureInfo.InvariantCulture));
        foreach (var (key, value) in card.Params ?? new Dictionary<string, System.Text.Json.JsonElement>())
            facts.AddRow($"[bold]{Markup.Escape(key)}[/]", Markup.Escape(declared.Display(key, value)));
        var steps = new Table().AddColumns("Step", "Title", "Phase", "Action");
        foreach (var step in card.Steps)
            steps.AddRow(Markup.Escape(step.Id), Markup.Escape(step.Title), Markup.Escape(step.Phase), Markup.Escape(step.Action));

        console.Write(new Panel(new Rows(facts, steps)).Header("Plan").Expand());
        if (card.RequiresApproval)
            console.MarkupLine("[magenta]This run needs an approver's approval before it starts.[/]");
        if (card.Missing.Count > 0)
            console.MarkupLineInterpolated($"[yellow]Missing: {string.Join(", ", card.Missing)}[/]");
    }

    private static string Suggest(PlanCard card) =>
        card.Suggestions is { Count: > 0 } suggestions ? $" Try: {string.Join(" | ", suggestions.Select(s => $"\"{s}\""))}" : "";
}
