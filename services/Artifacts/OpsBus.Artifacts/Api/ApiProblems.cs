using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OpsBus.Artifacts.Api;

/// <summary>The RFC 7807 answers of the artifacts API other than field validation.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Status(int statusCode, string detail) => TypedResults.Problem(detail: detail, statusCode: statusCode);

    public static ProblemHttpResult Forbidden(string detail) => Status(StatusCodes.Status403Forbidden, detail);

    /// <summary>Also the answer for a run the caller may not see: it must not learn that it exists.</summary>
    public static ProblemHttpResult RunNotFound(string id) => Status(StatusCodes.Status404NotFound, $"No run '{id}'.");

    /// <summary>Also the answer for an artifact the caller may not see.</summary>
    public static ProblemHttpResult ArtifactNotFound(string id) => Status(StatusCodes.Status404NotFound, $"No artifact '{id}'.");

    public static ProblemHttpResult TooLarge(long maxBytes) =>
        Status(StatusCodes.Status413PayloadTooLarge, $"An artifact may be at most {maxBytes} bytes.");

    public static ProblemHttpResult Interrupted(int statusCode) =>
        Status(statusCode, "The upload ended before its content did; nothing was stored.");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
