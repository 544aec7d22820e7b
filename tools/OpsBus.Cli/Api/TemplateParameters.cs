using System.Globalization;
using System.Text.Json;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Cli.Api;

/// <summary>
/// Parameters as a template declares them: <c>-p key=value</c> typed into the JSON values <c>POST /api/runs</c> wants
/// (<c>replicas=3</c> a number only where the template says number), and values shown with secrets as <c>***</c>.
/// </summary>
public sealed class TemplateParameters(RunbookTemplate template)
{
    public const string Mask = "***";

    public static async Task<TemplateParameters> ReadAsync(OpsBusClient client, string slug, CancellationToken cancellationToken)
    {
        var json = (await client.GetTemplateAsync(slug, cancellationToken)).Json;
        var template = json.Deserialize<RunbookTemplate>(TemplateJson.Options) ?? throw CliException.Failure($"Template '{slug}' came back empty.");
        return new TemplateParameters(template);
    }

    public RunbookTemplate Template { get; } = template;

    /// <summary>The <c>key=value</c> pairs as JSON values; a pair without '=' or a value not of the declared type is a usage error.</summary>
    public Dictionary<string, JsonElement> Parse(IEnumerable<string> pairs)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var split = pair.IndexOf('=');
            if (split <= 0)
                throw CliException.Usage($"'{pair}' is not key=value.");
            var (key, text) = (pair[..split].Trim(), pair[(split + 1)..]);
            values[key] = Typed(key, text);
        }
        return values;
    }

    /// <summary>A value as a person may see it: secrets masked.</summary>
    public string Display(string key, JsonElement value) =>
        TypeOf(key) == ParameterTypes.Secret ? Mask : value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private JsonElement Typed(string key, string text) => TypeOf(key) switch
    {
        ParameterTypes.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? JsonSerializer.SerializeToElement(number)
            : throw CliException.Usage($"Parameter '{key}' of {Template.Slug} is a number; '{text}' is not."),
        ParameterTypes.Boolean => bool.TryParse(text, out var flag)
            ? JsonSerializer.SerializeToElement(flag)
            : throw CliException.Usage($"Parameter '{key}' of {Template.Slug} is true or false; '{text}' is neither."),
        _ => JsonSerializer.SerializeToElement(text),
    };

    private string? TypeOf(string key) => Template.Parameters.FirstOrDefault(p => p.Key == key)?.Type;
}
