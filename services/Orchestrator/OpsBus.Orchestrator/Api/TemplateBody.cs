using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Orchestrator.Api;

/// <summary>
/// A template as the API reads and writes it: JSON (camelCase, as <see cref="TemplateJson"/>), or YAML
/// (<see cref="TemplateYaml"/>) when the body's <c>Content-Type</c> or the <c>Accept</c> header says so.
/// </summary>
internal static class TemplateBody
{
    public const string YamlMediaType = "application/yaml";

    private static readonly string[] YamlMediaTypes = [YamlMediaType, "application/x-yaml", "text/yaml", "text/x-yaml"];

    /// <summary>The template in the body, with absent lists and description made empty, or the problem with it.</summary>
    public static async Task<(RunbookTemplate? Template, ValidationProblem? Invalid, ProblemHttpResult? Refused)> ReadAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsYaml(request.ContentType))
        {
            var json = await JsonBody<RunbookTemplate>.ReadAsync(request, TemplateJson.Options, optional: false, cancellationToken);
            if (json.Value is null)
                return (null, json.Invalid, json.Refused);
            return NullEntry(json.Value) is { } field
                ? (null, ApiProblems.Invalid(field, "An entry is required here, not null."), null)
                : (Normalized(json.Value), null, null);
        }

        var (body, refused) = await BoundedBody.ReadAsync(request, cancellationToken);
        if (refused is not null)
            return (null, null, refused);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body!);
        }
        catch (DecoderFallbackException)
        {
            return (null, ApiProblems.Invalid("body", "The YAML body is not UTF-8 text."), null);
        }

        try
        {
            return (Normalized(TemplateYaml.Parse(text)), null, null);
        }
        catch (TemplateYamlException e)
        {
            return (null, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = [$"The body is not a template in YAML: {e.Message}"] },
                extensions: new Dictionary<string, object?> { ["line"] = e.Line, ["column"] = e.Column }), null);
        }
    }

    /// <summary>Whether the caller asked for YAML in <c>Accept</c>.</summary>
    public static bool WantsYaml(HttpRequest request) =>
        request.Headers.Accept.Count > 0
        && MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(media => IsYaml(media.MediaType.Value));

    /// <summary>The template as JSON with its <c>version</c>.</summary>
    public static JsonElement ToJson(RunbookTemplate template, int version)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(template, TemplateJson.Options))!.AsObject();
        node["version"] = version;
        return JsonSerializer.SerializeToElement(node, TemplateJson.Options);
    }

    private static bool IsYaml(string? contentType) =>
        contentType is not null
        && MediaTypeHeaderValue.TryParse(contentType, out var media)
        && YamlMediaTypes.Contains(media.MediaType.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The YAML text of a template.</summary>
    public static ContentHttpResult ToYaml(RunbookTemplate template) => TypedResults.Text(TemplateYaml.Serialize(template), YamlMediaType, Encoding.UTF8);

    /// <summary>The first list entry sent as JSON null, which the validator cannot judge.</summary>
    private static string? NullEntry(RunbookTemplate template)
    {
        var lists = new (string Name, IEnumerable<object?>? Items)[]
        {
            ("environments", template.Environments), ("parameters", template.Parameters), ("steps", template.Steps),
        };
        foreach (var (name, items) in lists)
        {
            var index = items?.Select((item, i) => item is null ? i : -1).FirstOrDefault(i => i >= 0, -1) ?? -1;
            if (index >= 0)
                return $"{name}[{index}]";
        }
        return null;
    }

    private static RunbookTemplate Normalized(RunbookTemplate template) => template with
    {
        Description = template.Description ?? string.Empty,
        Environments = template.Environments ?? [],
        Parameters = template.Parameters ?? [],
        Steps = template.Steps ?? [],
    };
}
