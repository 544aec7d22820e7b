using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Persistence;
using OpsBus.Orchestrator.Templates;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>Trigger rules: checked before they are stored, and matched against a delivery's facts.</summary>
public sealed class TriggerRules(OrchestratorDbContext db, TemplateStore templates)
{
    private const int MaxNameLength = 128;

    /// <summary>Field errors of a rule; empty when it may be stored.</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(TriggerRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxNameLength)
            errors["name"] = [$"Required, at most {MaxNameLength} characters."];
        if (TriggerGlob.Repository(request.Repository, out var repositoryError) is null)
            errors["repository"] = [repositoryError!];
        if (request.Lane is not null && !Lanes.IsValid(request.Lane))
            errors["lane"] = [$"'{request.Lane}' is not a lane name."];
        var validEvent = GitHubEvents.IsSupported(request.Event);
        if (!validEvent)
            errors["event"] = [$"One of {string.Join(", ", GitHubEvents.All)}."];
        else
            ValidateActionsAndBranches(request, errors);
        if (request.SessionId is { } sessionId && await SessionProblemAsync(sessionId, request.Lane, cancellationToken) is { } sessionError)
            errors["sessionId"] = [sessionError];

        if (string.IsNullOrWhiteSpace(request.Template))
        {
            errors["template"] = ["Required: the slug of the template to run."];
            return errors;
        }
        var stored = await templates.FindAsync(request.Template, version: null, cancellationToken);
        if (stored is null)
        {
            errors["template"] = [$"No template '{request.Template}'."];
            return errors;
        }
        if (validEvent)
            ValidateParameters(request, stored.Template, errors);
        return errors;
    }

    /// <summary>The enabled rules a delivery matches.</summary>
    public async Task<IReadOnlyList<TriggerRecord>> MatchingAsync(GitHubEventFacts facts, CancellationToken cancellationToken)
    {
        var candidates = await db.Triggers.AsNoTracking()
            .Where(t => t.Event == facts.Event && t.Enabled)
            .OrderBy(t => t.CreatedAt)
            .ToListAsync(cancellationToken);
        return candidates.Where(rule => Matches(rule, facts)).ToList();
    }

    public static IReadOnlyList<string> ActionsOf(TriggerRecord rule) => JsonSerializer.Deserialize<List<string>>(rule.ActionsJson) ?? [];

    public static IReadOnlyList<string> BranchesOf(TriggerRecord rule) => JsonSerializer.Deserialize<List<string>>(rule.BranchesJson) ?? [];

    public static IReadOnlyDictionary<string, JsonElement> ParametersOf(TriggerRecord rule) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(rule.ParametersJson) ?? [];

    private static bool Matches(TriggerRecord rule, GitHubEventFacts facts)
    {
        if (TriggerGlob.Repository(rule.Repository, out _) is not { } repository || !repository.IsMatch(facts.Repository))
            return false;
        var actions = ActionsOf(rule);
        if (actions.Count > 0 && !actions.Contains(facts.Action ?? "", StringComparer.Ordinal))
            return false;
        var branches = BranchesOf(rule);
        return branches.Count == 0 || branches.Any(pattern => TriggerGlob.Branch(pattern, out _)?.IsMatch(facts.FilterBranch) == true);
    }

    private static void ValidateActionsAndBranches(TriggerRequest request, Dictionary<string, string[]> errors)
    {
        var gitHubEvent = request.Event!;
        var allowed = GitHubEvents.AllowedActions(gitHubEvent);
        if (request.Actions is { Count: > 0 } actions)
        {
            if (allowed.Count == 0)
                errors["actions"] = [$"{gitHubEvent} deliveries have no action: leave actions out."];
            else if (actions.FirstOrDefault(a => !allowed.Contains(a, StringComparer.Ordinal)) is { } unknown)
                errors["actions"] = [$"'{unknown}' is not a {gitHubEvent} action: one of {string.Join(", ", allowed)}."];
        }
        if (request.Branches is not { Count: > 0 } branches)
            return;
        if (gitHubEvent == GitHubEvents.Release)
        {
            errors["branches"] = ["Releases are about tags, not branches: leave branches out."];
            return;
        }
        for (var i = 0; i < branches.Count; i++)
        {
            if (TriggerGlob.Branch(branches[i], out var branchError) is null)
                errors[$"branches[{i}]"] = [branchError!];
        }
    }

    private static void ValidateParameters(TriggerRequest request, RunbookTemplate template, Dictionary<string, string[]> errors)
    {
        var mapping = request.Params ?? new Dictionary<string, JsonElement>();
        foreach (var (key, messages) in ParameterMapping.Validate(mapping, template, request.Event!))
            errors[key] = messages;

        // Literals are checked now; values taken from deliveries are checked against the template when a delivery comes.
        var literals = mapping.Where(p => !ParameterMapping.IsExpression(p.Value)).ToDictionary();
        foreach (var (key, messages) in TemplateParameterValidator.Validate(template, literals, request.Environment).Errors)
        {
            var fromDelivery = key.StartsWith("params.", StringComparison.Ordinal)
                && mapping.TryGetValue(key["params.".Length..], out var value) && ParameterMapping.IsExpression(value);
            if (!fromDelivery)
                errors.TryAdd(key, messages);
        }
    }

    private async Task<string?> SessionProblemAsync(string sessionId, string? lane, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
            return $"No session '{sessionId}'.";
        if (session.ArchivedAt is not null)
            return $"Session '{sessionId}' is archived and accepts no new runs.";
        if (lane is not null && !session.Lanes.Contains(lane, StringComparer.OrdinalIgnoreCase))
            return $"Session '{sessionId}' has no lane '{lane}'; its lanes are {string.Join(", ", session.Lanes)}.";
        return null;
    }
}
