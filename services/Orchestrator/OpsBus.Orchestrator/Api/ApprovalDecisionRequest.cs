namespace OpsBus.Orchestrator.Api;

/// <summary>Body of <c>POST /api/runs/{id}/approve</c> and <c>/reject</c>.</summary>
/// <param name="PlanHash">For an approval, required: the <c>approval.planHash</c> of the run the approver reviewed.</param>
/// <param name="Comment">Optional reason, recorded with the decision.</param>
public sealed record ApprovalDecisionRequest(string? PlanHash, string? Comment);
