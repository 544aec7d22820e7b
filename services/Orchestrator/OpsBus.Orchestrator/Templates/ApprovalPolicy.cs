using Microsoft.Extensions.Options;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Orchestrator.Templates;

/// <summary>
/// Decides whether a run needs an approver before it runs, from its risk and environment (see <see cref="ApprovalOptions"/>).
/// A plan sent inline, without a template, counts as <see cref="InlinePlanRisk"/>: nobody declared what it does.
/// </summary>
public sealed class ApprovalPolicy(IOptions<OrchestratorOptions> options)
{
    public const string InlinePlanRisk = TemplateRisks.Write;

    public bool Requires(string risk, string? environment)
    {
        var rules = options.Value.Approvals.Effective;
        return Listed(ApprovalOptions.AnyEnvironment) || (environment is not null && Listed(environment));

        bool Listed(string key) => rules.TryGetValue(key, out var risks) && risks.Contains(risk, StringComparer.Ordinal);
    }
}
