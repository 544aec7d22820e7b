using System.Globalization;
using System.Text.Json;

namespace OpsBus.LaneWorker.Adapters;

/// <summary>Tolerant reading of vendor JSON: a missing or differently typed field is absent, not an exception.</summary>
internal static class VendorJson
{
    public static JsonElement? Property(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? String(this JsonElement element, string name) =>
        element.Property(name) is { } value
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            }
            : null;

    public static bool? Boolean(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    public static IEnumerable<JsonElement> Items(this JsonElement? element) => element is { } value ? value.Items() : [];

    public static IEnumerable<JsonElement> Items(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [];

    /// <summary>A host name as vendors return it (<c>app.vercel.app</c>) as a URL; URLs pass through.</summary>
    public static string AsHttpsUrl(string hostOrUrl) =>
        hostOrUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || hostOrUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? hostOrUrl
            : "https://" + hostOrUrl;

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
