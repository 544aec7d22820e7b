using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OpsBus.Notifier.Notifications.Api;

/// <summary>The RFC 7807 answers of the notifications API other than field validation.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Status(int statusCode, string detail) => TypedResults.Problem(detail: detail, statusCode: statusCode);

    public static ProblemHttpResult AdminsOnly() => Status(StatusCodes.Status403Forbidden, "Only admins manage notifications.");

    public static ProblemHttpResult ChannelNotFound(string id) => Status(StatusCodes.Status404NotFound, $"No notification channel '{id}'.");

    public static ProblemHttpResult DeadLetterNotFound(string id) => Status(StatusCodes.Status404NotFound, $"No dead letter '{id}'.");
}
