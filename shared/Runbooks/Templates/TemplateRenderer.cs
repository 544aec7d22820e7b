using System.Buffers;
using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.Runbooks.Secrets;

namespace OpsBus.Runbooks.Templates;

/// <summary>
/// Turns a template and checked parameters into the plan a lane worker runs. In string inputs, at any depth:
/// a string that is exactly <c>${{ params.x }}</c> becomes the parameter's JSON value (number, boolean, string;
/// null when an optional parameter has no value), a secret becomes a sealed envelope; elsewhere parameters and
/// <c>${{ env }}</c> are interpolated as text (an optional parameter without a value as the empty string).
/// <c>${{ steps.id.outputs.name }}</c> is left as written for the lane worker.
/// </summary>
public static class TemplateRenderer
{
    public static RenderedTemplate Render(RunbookTemplate template, int version, ParameterValidationResult valid, SecretProtector? protector)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(valid);
        if (!valid.IsValid)
            throw new ArgumentException($"The parameters of '{template.Slug}' are not valid ({string.Join(", ", valid.Errors.Keys)}); validate them before rendering.", nameof(valid));

        var parameters = template.Parameters.DistinctBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, StringComparer.Ordinal);
        var secretKeys = parameters.Values.Where(p => p.Type == ParameterTypes.Secret && valid.Values.ContainsKey(p.Key)).Select(p => p.Key).ToList();
        if (secretKeys.Count > 0 && protector is null)
            throw new InvalidOperationException($"The template '{template.Slug}' has secret parameters ({string.Join(", ", secretKeys)}) and no secret protector is configured to seal them (Secrets:Key).");

        var context = new RenderContext(template.Slug, parameters, valid, protector);
        var plan = new RunPlan(template.Steps
            .Select(step => new PlanStep(step.Id, step.Title, step.Phase, step.Action, context.RenderInputs(step.Inputs), step.TimeoutSeconds, step.ContinueOnError))
            .ToList());
        var display = valid.Values.ToDictionary(
            p => p.Key,
            p => secretKeys.Contains(p.Key) ? JsonSerializer.SerializeToElement(SecretEnvelope.Mask) : p.Value,
            StringComparer.Ordinal);
        return new RenderedTemplate(plan, display, PlanHasher.Hash(template.Slug, version, valid.Environment, display, plan));
    }

    private sealed class RenderContext(
        string slug,
        IReadOnlyDictionary<string, TemplateParameter> parameters,
        ParameterValidationResult valid,
        SecretProtector? protector)
    {
        public IReadOnlyDictionary<string, JsonElement>? RenderInputs(IReadOnlyDictionary<string, JsonElement>? inputs) =>
            inputs?.ToDictionary(i => i.Key, i => Render(i.Value), StringComparer.Ordinal);

        private JsonElement Render(JsonElement value)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
                Write(writer, value);
            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            return document.RootElement.Clone();
        }

        private void Write(Utf8JsonWriter writer, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in value.EnumerateObject())
                    {
                        writer.WritePropertyName(property.Name);
                        Write(writer, property.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in value.EnumerateArray())
                        Write(writer, item);
                    writer.WriteEndArray();
                    break;
                case JsonValueKind.String:
                    WhollyReplaced(value.GetString()!).WriteTo(writer);
                    break;
                default:
                    value.WriteTo(writer);
                    break;
            }
        }

        private JsonElement WhollyReplaced(string text)
        {
            if (TemplateReferences.TryParseWhole(text, out var reference))
            {
                if (reference.Kind == TemplateReferenceKind.Parameter)
                    return ParameterValue(reference.ParameterKey!);
                if (reference.Kind == TemplateReferenceKind.Environment)
                    return JsonSerializer.SerializeToElement(Environment());
            }

            return JsonSerializer.SerializeToElement(TemplateReferences.Replace(text, Interpolated));
        }

        private JsonElement ParameterValue(string key)
        {
            var parameter = Declared(key);
            if (!valid.Values.TryGetValue(key, out var value))
                return JsonSerializer.SerializeToElement<string?>(null);
            return parameter.Type == ParameterTypes.Secret
                ? SecretEnvelope.Create(protector!.Seal(value.GetString()!))
                : value;
        }

        private string? Interpolated(TemplateReference reference)
        {
            switch (reference.Kind)
            {
                case TemplateReferenceKind.Environment:
                    return Environment();
                case TemplateReferenceKind.Parameter:
                    var parameter = Declared(reference.ParameterKey!);
                    if (parameter.Type == ParameterTypes.Secret)
                        throw new InvalidOperationException($"The template '{slug}' interpolates the secret parameter '{parameter.Key}' into a larger string; a secret must be a whole input value.");
                    if (!valid.Values.TryGetValue(parameter.Key, out var value))
                        return string.Empty;
                    return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
                default:
                    return null;
            }
        }

        private TemplateParameter Declared(string key) =>
            parameters.TryGetValue(key, out var parameter)
                ? parameter
                : throw new InvalidOperationException($"The template '{slug}' references the undeclared parameter '{key}'; validate the template definition first.");

        private string Environment() =>
            valid.Environment ?? throw new InvalidOperationException($"The template '{slug}' references ${{{{ env }}}} but the run has no environment.");
    }
}
