using System.Buffers;
using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Actions;
using OpsBus.Runbooks.Secrets;

namespace OpsBus.LaneWorker.Execution;

/// <summary>
/// A step's inputs as its action sees them: every secret envelope opened and every step output reference
/// replaced, at any depth of the JSON.
/// </summary>
internal static class StepInputs
{
    public static IReadOnlyDictionary<string, JsonElement>? Resolve(PlanStep step, StepOutputs outputs, RunSecrets secrets)
    {
        if (step.Inputs is null)
            return null;
        var resolved = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in step.Inputs)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
                Write(writer, value, new Context(step.Id, name, outputs, secrets));
            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            resolved[name] = document.RootElement.Clone();
        }
        return resolved;
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value, Context context)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when SecretEnvelope.TryRead(value, out var sealedValue):
                writer.WriteStringValue(context.Secrets.Open(sealedValue, context.StepId, context.Input));
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, context);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                    Write(writer, item, context);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(Interpolate(value.GetString()!, context));
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private static string Interpolate(string text, Context context)
    {
        try
        {
            return StepReference.Replace(text, reference => context.Outputs.Resolve(reference, context.StepId, context.Input));
        }
        catch (FormatException e)
        {
            throw new StepFailedException($"Step '{context.StepId}': input '{context.Input}': {e.Message}", retryable: false);
        }
    }

    private sealed record Context(string StepId, string Input, StepOutputs Outputs, RunSecrets Secrets);
}
