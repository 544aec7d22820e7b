using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OpsBus.Orchestrator.Api;

/// <summary><c>/api/intents</c>: reads an operator's sentence into a <see cref="PlanCard"/>. Any authenticated caller may parse.</summary>
public static class IntentsApi
{
    public const int MaxTextLength = 500;

    public static RouteGroupBuilder MapIntentsApi(this IEndpointRouteBuilder app)
    {
        var intents = app.MapGroup("/api/intents").RequireAuthorization().WithTags("Intents");
        intents.MapPost("/parse", Parse);
        return intents;
    }

    private static async Task<Results<Ok<PlanCard>, ValidationProblem, ProblemHttpResult>> Parse(
        HttpRequest http, IntentPlanner planner, IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        var body = await JsonBody<ParseIntentRequest>.ReadAsync(http, json.Value.SerializerOptions, optional: false, cancellationToken);
        if (body.Refused is { } refused)
            return refused;
        if (body.Invalid is { } invalid)
            return invalid;
        var text = body.Value!.Text;
        if (string.IsNullOrWhiteSpace(text))
            return ApiProblems.Invalid("text", "Say what to do, e.g. \"deploy staging\".");
        if (text.Length > MaxTextLength)
            return ApiProblems.Invalid("text", $"At most {MaxTextLength} characters: an intent is a sentence.");
        return TypedResults.Ok(await planner.PlanAsync(text, cancellationToken));
    }
}
