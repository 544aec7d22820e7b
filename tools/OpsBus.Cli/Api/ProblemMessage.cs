using System.Net;
using System.Text.Json;

namespace OpsBus.Cli.Api;

/// <summary>
/// Turns a refused request into the one line a person reads and the exit code a script sees: an RFC 7807 problem's
/// detail (or title) and its field errors; 400 and 422 are the caller's mistake (2), anything else a failure (1).
/// </summary>
internal static class ProblemMessage
{
    public static async Task<CliException> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = Describe(text) ?? (string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase ?? "no details" : Truncate(text.Trim()));
        var line = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => $"The API key was refused: {message}",
            HttpStatusCode.Forbidden => $"Not allowed: {message}",
            _ => $"{message} (HTTP {status})",
        };
        return new CliException(line, status is 400 or 422 ? ExitCodes.Usage : ExitCodes.Failure);
    }

    private static string? Describe(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var problem = document.RootElement;
            if (problem.ValueKind != JsonValueKind.Object)
                return null;
            var summary = Text(problem, "detail") ?? Text(problem, "title");
            var fields = problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                ? errors.EnumerateObject()
                    .Select(field => $"{field.Name}: {string.Join(" ", field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().Select(e => e.ToString()) : [field.Value.ToString()])}")
                    .ToList()
                : [];
            return fields.Count == 0 ? summary : string.Join("; ", fields);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
