using System.CommandLine;
using OpsBus.Cli.Api;
using OpsBus.Cli.Output;
using OpsBus.Orchestrator.Api;
using Spectre.Console;

namespace OpsBus.Cli.Commands;

/// <summary><c>opsbus run &lt;template&gt; -p key=value ... [--env] [--lane] [--session] [--follow]</c>.</summary>
public static class RunCommand
{
    public static Command Create(GlobalOptions options, CliContext context)
    {
        var template = new Argument<string>("template") { Description = "The template's slug, e.g. hello." };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A parameter as key=value; repeat for more. Typed as the template declares it.",
            AllowMultipleArgumentsPerToken = false,
        };
        var environment = new Option<string?>("--env", "-e") { Description = "The target environment." };
        var lane = new Option<string?>("--lane") { Description = "The lane (the template's default lane otherwise)." };
        var session = new Option<string?>("--session") { Description = "Run in this session." };
        var follow = RunsCommand.FollowOption();
        var command = new Command("run", "Run a template.") { template, parameters, environment, lane, session, follow };
        return command.WithAction(options, context, async (invocation, cancellationToken) =>
        {
            var slug = invocation.Value(template);
            var declared = await TemplateParameters.ReadAsync(invocation.Client, slug, cancellationToken);
            var request = new CreateRunRequest
            {
                Template = slug,
                Params = declared.Parse(invocation.Value(parameters) ?? []),
                Environment = invocation.Value(environment),
                Lane = invocation.Value(lane),
                SessionId = invocation.Value(session),
            };
            return await SubmitAsync(invocation, request, invocation.Value(follow), cancellationToken);
        });
    }

    /// <summary>Requests the run (once, whatever retries the network makes) and follows it or reports it.</summary>
    internal static async Task<int> SubmitAsync(Invocation invocation, CreateRunRequest request, bool follow, CancellationToken cancellationToken)
    {
        var run = await invocation.Client.CreateRunAsync(request, Guid.NewGuid().ToString("N"), cancellationToken);
        if (follow)
        {
            if (!invocation.Json)
                invocation.Console.MarkupLineInterpolated($"Run [bold]{run.Value.Id}[/] of {run.Value.Template ?? "a plan"} accepted.");
            return await FollowRun.FollowAsync(invocation, run.Value.Id, cancellationToken);
        }
        if (invocation.Json)
            JsonOutput.Write(invocation.Context.Out, run.Json);
        else
            invocation.Console.MarkupLineInterpolated(
                $"Run [bold]{run.Value.Id}[/] accepted ({run.Value.Status}). Follow it with: opsbus runs logs {run.Value.Id} --follow");
        return ExitCodes.Success;
    }
}
