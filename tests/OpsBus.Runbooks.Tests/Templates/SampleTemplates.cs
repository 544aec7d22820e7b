using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Runbooks.Tests.Templates;

/// <summary>Templates the specs start from: a small valid one to break one rule at a time, and one using every feature.</summary>
internal static class SampleTemplates
{
    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static JsonElement Value<T>(T value) => JsonSerializer.SerializeToElement(value);

    public static Dictionary<string, JsonElement> Inputs(params (string Key, JsonElement Value)[] inputs) =>
        inputs.ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);

    public static RunbookTemplate Valid() => new(
        "sample",
        "Sample",
        "A valid template the specs change one field at a time.",
        "A",
        TemplateRisks.Read,
        ["dev", "prod"],
        [
            new TemplateParameter("service", "Service", ParameterTypes.String, Default: Value("api"), Pattern: "^[a-z0-9-]+$"),
            new TemplateParameter("count", "Count", ParameterTypes.Number, Default: Value(3)),
            new TemplateParameter("token", "Token", ParameterTypes.Secret),
        ],
        [
            new TemplateStep("check", "Check", RunPhases.Preflight, "target.check", Inputs(("service", Value("${{ params.service }}")), ("environment", Value("${{ env }}")))),
            new TemplateStep("act", "Act", RunPhases.Action, "http.request", Inputs(("url", Value("https://example.test/${{ params.service }}")), ("token", Value("${{ params.token }}")))),
        ]);

    /// <summary>Every parameter type, nested inputs of every JSON kind, strings that look like other kinds, references of every form.</summary>
    public static RunbookTemplate EveryFeature() => new(
        "every-feature",
        "Every feature: \"quoted\", colons: and #hashes",
        "First line.\nSecond line with trailing newline.\n",
        "B",
        TemplateRisks.Destructive,
        ["dev", "staging", "prod"],
        [
            new TemplateParameter("service", "Service", ParameterTypes.String, Required: true, Default: Value("api"), Pattern: "^[a-z0-9-]+$"),
            new TemplateParameter("replicas", "Replicas", ParameterTypes.Number, Default: Value(2.5)),
            new TemplateParameter("dryRun", "Dry run", ParameterTypes.Boolean, Default: Value(true)),
            new TemplateParameter("region", "Region", ParameterTypes.Enum, Default: Value("eu"), AllowedValues: ["eu", "us", "true", "42"]),
            new TemplateParameter("apiToken", "API token", ParameterTypes.Secret, Required: true),
            new TemplateParameter("note", "Note", ParameterTypes.String),
        ],
        [
            new TemplateStep("summary", "Summarize", RunPhases.Summarize, "echo", Inputs(("message", Value("Done: ${{ steps.call.outputs.status }} in ${{ env }}")))),
            new TemplateStep("call", "Call the API", RunPhases.Action, "http.request", Inputs(
                ("method", Value("POST")),
                ("url", Value("https://${{ params.service }}.${{ env }}.example.test/scale?n=${{ params.replicas }}")),
                ("headers", Json("""{"Authorization":"${{ params.apiToken }}","X-Dry-Run":"dry-run=${{ params.dryRun }}"}""")),
                ("body", Json("""{"replicas":"${{ params.replicas }}","dryRun":"${{ params.dryRun }}","region":"${{ params.region }}","tags":["a",1,true,null,{"deep":["${{ params.service }}"]}],"empty":{},"none":[],"looksLikeNumber":"42","looksLikeBool":"true","looksLikeNull":"null","blank":"","multi":"line one\nline two\n","spaces":"  padded  ","note":"${{ params.note }}"}""")),
                ("expectStatus", Value(200)),
                ("assert", Json("""{"$.status":"ok","$.count":3}"""))),
                TimeoutSeconds: 45,
                ContinueOnError: true),
            new TemplateStep("validate", "Validate", RunPhases.Validate, "echo", Inputs(("message", Value("Scaling ${{params.service}} ")))),
            new TemplateStep("no-inputs", "No inputs", RunPhases.Verify, "sleep"),
            new TemplateStep("empty-inputs", "Empty inputs", RunPhases.Verify, "sleep", Inputs()),
        ]);
}
