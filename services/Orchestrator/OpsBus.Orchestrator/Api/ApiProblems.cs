using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OpsBus.Orchestrator.Api;

/// <summary>The RFC 7807 answers of the runs and sessions API other than field validation.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Status(int statusCode, string detail) => TypedResults.Problem(detail: detail, statusCode: statusCode);

    public static ProblemHttpResult Forbidden(string detail) => Status(StatusCodes.Status403Forbidden, detail);

    /// <summary>Also the answer for what exists but the caller may not see: it must not learn that it exists.</summary>
    public static ProblemHttpResult RunNotFound(string id) => Status(StatusCodes.Status404NotFound, $"No run '{id}'.");

    public static ProblemHttpResult SessionNotFound(string id) => Status(StatusCodes.Status404NotFound, $"No session '{id}'.");

    public static ProblemHttpResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, detail);

    public static ProblemHttpResult KeyReused() =>
        Status(StatusCodes.Status422UnprocessableEntity, $"This {IdempotencyKeys.Header} was already used with a different request.");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
