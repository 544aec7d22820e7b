using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpsBus.Contracts;
using OpsBus.Runbooks.Secrets;

namespace OpsBus.Runbooks.Templates;

/// <summary>
/// The identity of what a run will do, for approvals: lower-case hex SHA-256 of the canonical JSON of
/// <c>{template, version, environment, parameters, plan}</c>, with every secret masked.
/// Secrets are left out on purpose: a sealed envelope differs on every render (random nonce), and a hash of a
/// clear secret could be brute-forced from the hash. So two runs that differ only in a secret's value share a
/// hash; what an approver sees and approves (never the secret) is exactly what the hash covers.
/// </summary>
public static class PlanHasher
{
    /// <param name="template">The template slug, or null for an ad-hoc plan.</param>
    /// <param name="version">The template version, or null for an ad-hoc plan.</param>
    /// <param name="environment">The environment targeted, if any.</param>
    /// <param name="displayParameters">The parameters as displayed (secrets already shown as <c>***</c>).</param>
    /// <param name="plan">The plan; secret envelopes in its inputs are masked before hashing.</param>
    public static string Hash(
        string? template,
        int? version,
        string? environment,
        IReadOnlyDictionary<string, JsonElement> displayParameters,
        RunPlan plan) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalInput(template, version, environment, displayParameters, plan))));

    /// <summary>The text <see cref="Hash"/> digests: canonical JSON with every secret envelope masked.</summary>
    public static string CanonicalInput(
        string? template,
        int? version,
        string? environment,
        IReadOnlyDictionary<string, JsonElement> displayParameters,
        RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(displayParameters);
        ArgumentNullException.ThrowIfNull(plan);
        var parameters = new JsonObject();
        foreach (var (key, value) in displayParameters)
            parameters[key] = JsonNode.Parse(SecretEnvelope.MaskAll(value).GetRawText());
        var input = new JsonObject
        {
            ["template"] = template,
            ["version"] = version,
            ["environment"] = environment,
            ["parameters"] = parameters,
            ["plan"] = JsonNode.Parse(SecretEnvelope.MaskAll(TemplateJson.ToElement(plan)).GetRawText()),
        };
        return TemplateJson.Canonical(JsonSerializer.SerializeToElement(input, TemplateJson.Options));
    }
}
