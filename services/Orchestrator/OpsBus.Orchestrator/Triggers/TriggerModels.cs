using System.Text.Json;

namespace OpsBus.Orchestrator.Triggers;

/// <summary>Body of <c>POST /api/triggers</c> and <c>PUT /api/triggers/{id}</c>.</summary>
/// <param name="Name">What people call the rule.</param>
/// <param name="Repository"><c>owner/name</c> or a glob such as <c>acme/*</c>.</param>
/// <param name="Event">push, pull_request, workflow_run or release.</param>
/// <param name="Actions">The event's actions to match; none means its defaults (pull_request: opened, synchronize, reopened; workflow_run: completed; release: published).</param>
/// <param name="Branches">Branch globs; none matches every branch.</param>
/// <param name="Template">The slug of the template to run (its latest version when a delivery comes).</param>
/// <param name="Params">Template parameters: literals, or text with <c>${{ github.&lt;field&gt; }}</c>.</param>
/// <param name="Environment">The environment the runs target, if the template has any.</param>
/// <param name="Lane">The runs' lane; the template's default lane when left out.</param>
/// <param name="SessionId">An existing session the runs join, one at a time per lane.</param>
/// <param name="Enabled">False keeps the rule but matches nothing; true when left out.</param>
public sealed record TriggerRequest(
    string? Name,
    string? Repository,
    string? Event,
    IReadOnlyList<string>? Actions,
    IReadOnlyList<string>? Branches,
    string? Template,
    IReadOnlyDictionary<string, JsonElement>? Params,
    string? Environment,
    string? Lane,
    string? SessionId,
    bool? Enabled);

/// <summary>A trigger rule as the API shows it.</summary>
public sealed record TriggerView(
    Guid Id,
    string Name,
    string Repository,
    string Event,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Branches,
    string Template,
    IReadOnlyDictionary<string, JsonElement> Params,
    string? Environment,
    string? Lane,
    string? SessionId,
    bool Enabled,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary><c>GET /api/triggers</c>.</summary>
public sealed record TriggerPage(IReadOnlyList<TriggerView> Items);

/// <summary>One delivery a rule matched: the run it requested, or why none.</summary>
public sealed record TriggerDeliveryView(
    string DeliveryId,
    string Event,
    string? Action,
    string Repository,
    string? Ref,
    string? Sha,
    DateTime EvaluatedAt,
    Guid? RunId,
    string? Error);

/// <summary><c>GET /api/triggers/{id}/deliveries</c>, newest first.</summary>
public sealed record TriggerDeliveryPage(IReadOnlyList<TriggerDeliveryView> Items);
