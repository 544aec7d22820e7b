using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpsBus.Runbooks.Secrets;

/// <summary>
/// How a secret travels inside a plan's step inputs: the JSON object <c>{"$secret":"v1:…"}</c>.
/// Only a lane worker holding the key opens it; everything else shows <see cref="Mask"/>.
/// </summary>
public static class SecretEnvelope
{
    public const string PropertyName = "$secret";

    /// <summary>What every API response, event, log line and hub message shows in place of a secret.</summary>
    public const string Mask = "***";

    public static JsonElement Create(string sealedValue) =>
        JsonSerializer.SerializeToElement(new JsonObject { [PropertyName] = sealedValue });

    public static bool TryRead(JsonElement element, out string sealedValue)
    {
        sealedValue = string.Empty;
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(PropertyName, out var inner) || inner.ValueKind != JsonValueKind.String)
            return false;
        sealedValue = inner.GetString()!;
        return true;
    }

    /// <summary>The element with every envelope, at any depth, replaced by <see cref="Mask"/>.</summary>
    public static JsonElement MaskAll(JsonElement element)
    {
        if (!ContainsEnvelope(element))
            return element;
        return JsonSerializer.SerializeToElement(MaskNode(JsonNode.Parse(element.GetRawText())));
    }

    public static bool ContainsEnvelope(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => TryRead(element, out _) || element.EnumerateObject().Any(p => ContainsEnvelope(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(ContainsEnvelope),
        _ => false,
    };

    private static JsonNode? MaskNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when obj.ContainsKey(PropertyName) && obj[PropertyName] is JsonValue:
                return JsonValue.Create(Mask);
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                    obj[key] = MaskNode(obj[key]?.DeepClone());
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    array[i] = MaskNode(array[i]?.DeepClone());
                return array;
            default:
                return node;
        }
    }
}
