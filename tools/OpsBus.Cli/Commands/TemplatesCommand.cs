using System.CommandLine;
using System.Text.Json;
using OpsBus.Cli.Api;
using OpsBus.Cli.Output;
using OpsBus.Runbooks.Templates;
using Spectre.Console;

namespace OpsBus.Cli.Commands;

/// <summary><c>opsbus templates ls|show|apply -f file.yaml|export</c>.</summary>
public static class TemplatesCommand
{
    public static Command Create(GlobalOptions options, CliContext context)
    {
        var templates = new Command("templates", "The runbook catalogue.");
        templates.Add(List(options, context));
        templates.Add(Show(options, context));
        templates.Add(Apply(options, context));
        templates.Add(Export(options, context));
        return templates;
    }

    private static Command List(GlobalOptions options, CliContext context)
    {
        var command = new Command("ls", "List the templates at their current versions.");
        command.Aliases.Add("list");
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var list = await invocation.Client.ListTemplatesAsync(cancellationToken);
            if (invocation.Json)
            {
                JsonOutput.Write(invocation.Context.Out, list.Json);
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("Slug", "Title", "Risk", "Lane", "Environments", "Version", "Updated");
            table.Columns[0].NoWrap = true;
            foreach (var t in list.Value.Items)
                table.AddRow(Markup.Escape(t.Slug), Markup.Escape(t.Title), Markup.Escape(t.Risk), Markup.Escape(t.DefaultLane),
                    Markup.Escape(string.Join(", ", t.Environments)), t.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), RunTables.When(t.UpdatedAt));
            invocation.Console.Write(table);
            return ExitCodes.Success;
        });
    }

    private static Command Show(GlobalOptions options, CliContext context)
    {
        var slug = SlugArgument();
        var command = new Command("show", "Show a template: parameters, steps and versions.") { slug };
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var response = await invocation.Client.GetTemplateAsync(invocation.Value(slug), cancellationToken);
            if (invocation.Json)
            {
                JsonOutput.Write(invocation.Context.Out, response.Json);
                return ExitCodes.Success;
            }
            var template = response.Json.Deserialize<RunbookTemplate>(TemplateJson.Options)!;
            var versions = await invocation.Client.ListTemplateVersionsAsync(template.Slug, cancellationToken);
            var console = invocation.Console;
            console.MarkupLineInterpolated($"[bold]{template.Slug}[/] v{response.Json.GetProperty("version").GetInt32()} — {template.Title}");
            if (template.Description.Length > 0)
                console.MarkupLineInterpolated($"{template.Description}");
            console.MarkupLineInterpolated($"Risk {template.Risk}, lane {template.DefaultLane}, environments: {(template.Environments.Count == 0 ? "any" : string.Join(", ", template.Environments))}");

            var parameters = new Table().AddColumns("Parameter", "Label", "Type", "Required", "Default");
            foreach (var p in template.Parameters)
                parameters.AddRow(Markup.Escape(p.Key), Markup.Escape(p.Label), Markup.Escape(p.Type), p.Required ? "yes" : "no",
                    p.Default is { } value ? Markup.Escape(value.ToString()) : "[grey]-[/]");
            console.Write(parameters);
            var steps = new Table().AddColumns("Step", "Title", "Phase", "Action");
            foreach (var s in template.Steps)
                steps.AddRow(Markup.Escape(s.Id), Markup.Escape(s.Title), Markup.Escape(s.Phase), Markup.Escape(s.Action));
            console.Write(steps);
            console.MarkupLineInterpolated($"Versions: {string.Join(", ", versions.Value.Items.Select(v => $"v{v.Version} by {v.CreatedBy}"))}");
            return ExitCodes.Success;
        });
    }

    private static Command Apply(GlobalOptions options, CliContext context)
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "The template as YAML.", Required = true };
        var command = new Command("apply", "Create a template, or add a version to the one with its slug.") { file };
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var path = invocation.Value(file)!;
            if (!path.Exists)
                throw CliException.Usage($"No file {path.FullName}.");
            var yaml = await File.ReadAllTextAsync(path.FullName, cancellationToken);

            var created = await invocation.Client.CreateTemplateAsync(yaml, cancellationToken);
            var stored = created ?? await invocation.Client.UpdateTemplateAsync(SlugOf(yaml, path), yaml, cancellationToken);
            if (invocation.Json)
                JsonOutput.Write(invocation.Context.Out, stored.Json);
            else
                invocation.Console.MarkupLineInterpolated(
                    $"Template [bold]{stored.Json.GetProperty("slug").GetString()}[/] {(created is null ? "updated" : "created")}: version {stored.Json.GetProperty("version").GetInt32()}.");
            return ExitCodes.Success;
        });
    }

    private static Command Export(GlobalOptions options, CliContext context)
    {
        var slug = SlugArgument();
        var version = new Option<int?>("--version") { Description = "This version rather than the current one." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the YAML to this file rather than standard output." };
        var command = new Command("export", "Print a template as YAML, ready for apply -f.") { slug, version, output };
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            if (invocation.Json)
                throw CliException.Usage("export writes YAML; for JSON use: opsbus templates show <slug> --json");
            if (invocation.Value(version) is <= 0)
                throw CliException.Usage("--version is a number from 1.");
            var yaml = await invocation.Client.ExportTemplateAsync(invocation.Value(slug), invocation.Value(version), cancellationToken);
            if (invocation.Value(output) is { } target)
            {
                await File.WriteAllTextAsync(target.FullName, yaml, cancellationToken);
                invocation.Console.MarkupLineInterpolated($"Wrote {target.FullName}.");
            }
            else
            {
                await invocation.Context.Out.WriteAsync(yaml);
                await invocation.Context.Out.FlushAsync(cancellationToken);
            }
            return ExitCodes.Success;
        });
    }

    /// <summary>The slug of the template in a file the API found well-formed (it answered that the slug exists).</summary>
    private static string SlugOf(string yaml, FileInfo path)
    {
        try
        {
            return TemplateYaml.Parse(yaml).Slug;
        }
        catch (TemplateYamlException e)
        {
            throw CliException.Usage($"{path.Name}: {e.Message}");
        }
    }

    private static Argument<string> SlugArgument() => new("slug") { Description = "The template's slug." };
}
