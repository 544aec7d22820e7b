using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpsBus.Runbooks.Templates;

/// <summary>
/// YAML scalars as JSON values, by the YAML 1.2 core schema: a quoted or block scalar is a string; a plain one
/// is null (<c>~</c>, <c>null</c>, empty), a boolean (<c>true</c>/<c>false</c>), a number, or else a string.
/// </summary>
internal static partial class YamlScalars
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    public static JsonElement ToJson(YamlScalarNode node)
    {
        var text = node.Value ?? string.Empty;
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is null)
            return node.Style == ScalarStyle.Plain ? ResolvePlain(text, node) : String(text);
        return tag switch
        {
            "!" or CoreTagPrefix + "str" => String(text),
            CoreTagPrefix + "null" => JsonSerializer.SerializeToElement<string?>(null),
            CoreTagPrefix + "bool" when BoolRegex().IsMatch(text) => JsonSerializer.SerializeToElement(text[0] is 't' or 'T'),
            CoreTagPrefix + "int" or CoreTagPrefix + "float" when Number(text, node) is { } number => number,
            CoreTagPrefix + "bool" or CoreTagPrefix + "int" or CoreTagPrefix + "float" =>
                throw Error(node, $"'{text}' is not a valid {tag[CoreTagPrefix.Length..]}."),
            _ => throw Error(node, $"The tag '{tag}' is not supported; use plain YAML values."),
        };
    }

    /// <summary>Whether a string must be quoted to read back as a string (here and in YAML 1.1 readers).</summary>
    public static bool NeedsQuotes(string text) =>
        text.Length == 0 || NullRegex().IsMatch(text) || BoolRegex().IsMatch(text) || Yaml11BoolRegex().IsMatch(text)
        || IntRegex().IsMatch(text) || FloatRegex().IsMatch(text) || HexOrOctalRegex().IsMatch(text) || SpecialFloatRegex().IsMatch(text);

    public static TemplateYamlException Error(YamlNode node, string reason) =>
        new(reason, (int)node.Start.Line, (int)node.Start.Column);

    private static JsonElement ResolvePlain(string text, YamlScalarNode node)
    {
        if (NullRegex().IsMatch(text))
            return JsonSerializer.SerializeToElement<string?>(null);
        if (BoolRegex().IsMatch(text))
            return JsonSerializer.SerializeToElement(text[0] is 't' or 'T');
        if (SpecialFloatRegex().IsMatch(text))
            throw Error(node, $"'{text}' cannot be represented in JSON; quote it to make it a string.");
        return Number(text, node) ?? String(text);
    }

    private static JsonElement? Number(string text, YamlNode node)
    {
        if (HexOrOctalRegex().IsMatch(text))
        {
            var digits = text[2..];
            var value = text[1] == 'x'
                ? BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
                : digits.Aggregate(BigInteger.Zero, (acc, c) => acc * 8 + (c - '0'));
            return Parse(value.ToString(CultureInfo.InvariantCulture), node);
        }

        if (!IntRegex().IsMatch(text) && !FloatRegex().IsMatch(text))
            return null;
        return Parse(JsonNumberText(text), node);
    }

    /// <summary>A YAML decimal number in JSON's grammar: no '+', no leading zeros, digits on both sides of the point.</summary>
    private static string JsonNumberText(string text)
    {
        var sign = text[0] == '-' ? "-" : string.Empty;
        var body = text.TrimStart('+', '-');
        var exponentAt = body.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? body : body[..exponentAt];
        var exponent = exponentAt < 0 ? string.Empty : "e" + body[(exponentAt + 1)..].TrimStart('+');
        var pointAt = mantissa.IndexOf('.');
        var whole = (pointAt < 0 ? mantissa : mantissa[..pointAt]).TrimStart('0');
        var fraction = pointAt < 0 ? string.Empty : mantissa[(pointAt + 1)..];
        return sign + (whole.Length == 0 ? "0" : whole) + (fraction.Length == 0 ? string.Empty : "." + fraction) + exponent;
    }

    private static JsonElement Parse(string json, YamlNode node)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Error(node, $"'{json}' is not a number JSON can hold.");
        }
    }

    private static JsonElement String(string text) => JsonSerializer.SerializeToElement(text);

    [GeneratedRegex(@"\A(?:~|null|Null|NULL|)\z", RegexOptions.CultureInvariant)]
    private static partial Regex NullRegex();

    [GeneratedRegex(@"\A(?:true|True|TRUE|false|False|FALSE)\z", RegexOptions.CultureInvariant)]
    private static partial Regex BoolRegex();

    [GeneratedRegex(@"\A(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Yaml11BoolRegex();

    [GeneratedRegex(@"\A[-+]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntRegex();

    [GeneratedRegex(@"\A[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex FloatRegex();

    [GeneratedRegex(@"\A0(?:o[0-7]+|x[0-9a-fA-F]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex HexOrOctalRegex();

    [GeneratedRegex(@"\A(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)\z", RegexOptions.CultureInvariant)]
    private static partial Regex SpecialFloatRegex();
}
