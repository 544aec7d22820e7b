using System.Buffers;
using System.Text;
using System.Text.Json;

namespace OpsBus.Runbooks.Templates;

/// <summary>
/// The JSON shape of templates and plans (web defaults: camelCase) and a canonical form of it: object keys
/// sorted by ordinal, no whitespace, strings re-encoded from their values, numbers as written.
/// </summary>
public static class TemplateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    /// <summary>The canonical text of a JSON value: the same for values that differ only in key order or whitespace.</summary>
    public static string Canonical(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            WriteCanonical(writer, element);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The canonical text of a template; two templates with the same text are the same template.</summary>
    public static string Canonical(RunbookTemplate template) => Canonical(ToElement(template));

    /// <summary>Whether two templates say the same thing (records compare their lists by reference, this compares content).</summary>
    public static bool AreEquivalent(RunbookTemplate a, RunbookTemplate b) =>
        string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                    WriteCanonical(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
