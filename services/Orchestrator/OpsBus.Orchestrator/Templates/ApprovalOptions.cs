using OpsBus.Runbooks.Templates;

namespace OpsBus.Orchestrator.Templates;

/// <summary>
/// Which runs need an approver, bound from <c>Orchestrator:Approvals</c>
/// (<c>Orchestrator__Approvals__RequireForRisks__prod__0=write</c>).
/// </summary>
public sealed class ApprovalOptions
{
    /// <summary>The key whose risks need approval in every environment, and for runs without one.</summary>
    public const string AnyEnvironment = "*";

    /// <summary>
    /// Per environment, the risks (<c>read</c>, <c>write</c>, <c>destructive</c>) that need approval there. Unset means
    /// <see cref="Defaults"/>; setting any entry replaces the defaults as a whole.
    /// </summary>
    public Dictionary<string, string[]>? RequireForRisks { get; set; }

    /// <summary><c>write</c> and <c>destructive</c> in <c>prod</c>, <c>destructive</c> anywhere.</summary>
    public static IReadOnlyDictionary<string, string[]> Defaults { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["prod"] = [TemplateRisks.Write, TemplateRisks.Destructive],
        [AnyEnvironment] = [TemplateRisks.Destructive],
    };

    public IReadOnlyDictionary<string, string[]> Effective => RequireForRisks ?? Defaults;

    /// <summary>Every configured risk is one of <see cref="TemplateRisks.All"/>.</summary>
    public bool IsValid() => Effective.Values.All(risks => risks.All(TemplateRisks.IsValid));
}
