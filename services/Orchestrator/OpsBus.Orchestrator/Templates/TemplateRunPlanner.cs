using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Orchestrator.Templates;

/// <summary>
/// Turns a run request naming a template into the plan to run: the template's latest version, its parameters checked
/// (one error per field), rendered with secrets sealed under <c>Secrets:Key</c>, and the approval the run needs.
/// </summary>
public sealed class TemplateRunPlanner(TemplateStore store, ApprovalPolicy approvals, IOptions<SecretsOptions> secrets)
{
    public async Task<TemplateRunPlanning> PlanAsync(
        string slug, IReadOnlyDictionary<string, JsonElement>? parameters, string? environment, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(slug, version: null, cancellationToken);
        if (stored is null)
            return Invalid("template", $"No template '{slug}'.");

        var template = stored.Template;
        var valid = TemplateParameterValidator.Validate(template, parameters, environment);
        if (!valid.IsValid)
            return new TemplateRunPlanning(null, valid.Errors, null);

        var secretKeys = template.Parameters
            .Where(p => p.Type == ParameterTypes.Secret && valid.Values.ContainsKey(p.Key))
            .Select(p => p.Key)
            .ToHashSet(StringComparer.Ordinal);
        var protector = secrets.Value.CreateProtector();
        if (secretKeys.Count > 0 && protector is null)
            return new TemplateRunPlanning(null, null,
                $"The template '{slug}' has secret parameters ({string.Join(", ", secretKeys)}) and this server has no Secrets:Key to seal them with.");

        RenderedTemplate rendered;
        try
        {
            rendered = TemplateRenderer.Render(template, stored.Version, valid, protector);
        }
        catch (InvalidOperationException e)
        {
            return Invalid("template", $"Version {stored.Version} of '{slug}' cannot be rendered: {e.Message}");
        }

        return new TemplateRunPlanning(
            new TemplateRunPlan(
                stored,
                rendered,
                valid.Environment,
                approvals.Requires(template.Risk, valid.Environment),
                Digested(parameters, secretKeys)),
            null,
            null);
    }

    /// <summary>
    /// The parameters with each secret replaced by its HMAC under the secrets key: two requests with different secrets
    /// differ, and the stored request hash reveals nothing a dictionary attack on a plain hash would.
    /// </summary>
    private IReadOnlyDictionary<string, JsonElement> Digested(IReadOnlyDictionary<string, JsonElement>? parameters, HashSet<string> secretKeys)
    {
        var result = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters ?? new Dictionary<string, JsonElement>())
        {
            result[key] = secretKeys.Contains(key) && value.ValueKind == JsonValueKind.String
                ? JsonSerializer.SerializeToElement("hmac:" + Convert.ToHexStringLower(
                    HMACSHA256.HashData(Convert.FromBase64String(secrets.Value.Key!), Encoding.UTF8.GetBytes(value.GetString()!))))
                : value;
        }
        return result;
    }

    private static TemplateRunPlanning Invalid(string field, string message) =>
        new(null, new Dictionary<string, string[]> { [field] = [message] }, null);
}
