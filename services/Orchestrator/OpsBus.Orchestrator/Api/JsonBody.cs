using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// A request body read and parsed by the handler itself rather than by parameter binding, so that malformed JSON,
/// a value of the wrong type or an oversized body becomes a problem detail (400 naming the field, or 413), never a 500.
/// </summary>
internal sealed record JsonBody<T>(T? Value, ValidationProblem? Invalid, ProblemHttpResult? Refused)
    where T : class
{
    public static async Task<JsonBody<T>> ReadAsync(HttpRequest request, JsonSerializerOptions options, bool optional, CancellationToken cancellationToken)
    {
        var (body, refused) = await BoundedBody.ReadAsync(request, cancellationToken);
        if (refused is not null)
            return new JsonBody<T>(null, null, refused);

        if (body!.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            return optional ? new JsonBody<T>(null, null, null) : Malformed("body", "A JSON object is required.");

        try
        {
            var value = JsonSerializer.Deserialize<T>(body, options);
            return value is null ? Malformed("body", "A JSON object is required.") : new JsonBody<T>(value, null, null);
        }
        catch (JsonException e)
        {
            var field = e.Path is null or "$" ? "body" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return Malformed(field, field == "body"
                ? "The body is not a valid JSON object" + where + "."
                : "The value is malformed or of the wrong type" + where + ".");
        }
    }

    private static JsonBody<T> Malformed(string field, string message) =>
        new(null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }), null);
}
