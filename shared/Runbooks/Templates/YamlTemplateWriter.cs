using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OpsBus.Runbooks.Templates;

/// <summary>
/// Writes the YAML form of a template, keys in a fixed order, optional fields left out when unset.
/// Strings that would read back as something else (<c>"true"</c>, <c>"42"</c>, <c>""</c>) are quoted.
/// </summary>
internal sealed class YamlTemplateWriter
{
    private readonly IEmitter _emitter;

    private YamlTemplateWriter(IEmitter emitter) => _emitter = emitter;

    public static string Write(RunbookTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var text = new StringWriter();
        var writer = new YamlTemplateWriter(new Emitter(text, new EmitterSettings().WithBestIndent(2).WithBestWidth(int.MaxValue).WithNewLine("\n").WithIndentedSequences()));
        writer.Document(template);
        return text.ToString();
    }

    private void Document(RunbookTemplate template)
    {
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart());
        StartMapping();
        Field("slug", template.Slug);
        Field("title", template.Title);
        if (!string.IsNullOrEmpty(template.Description))
            Field("description", template.Description);
        Field("defaultLane", template.DefaultLane);
        Field("risk", template.Risk);
        if (template.Environments is { Count: > 0 })
            FlowList("environments", template.Environments);
        if (template.Parameters is { Count: > 0 })
        {
            Scalar("parameters");
            _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
            foreach (var parameter in template.Parameters)
                Parameter(parameter);
            _emitter.Emit(new SequenceEnd());
        }

        Scalar("steps");
        _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
        foreach (var step in template.Steps ?? [])
            Step(step);
        _emitter.Emit(new SequenceEnd());
        _emitter.Emit(new MappingEnd());
        _emitter.Emit(new DocumentEnd(true));
        _emitter.Emit(new StreamEnd());
    }

    private void Parameter(TemplateParameter parameter)
    {
        StartMapping();
        Field("key", parameter.Key);
        Field("label", parameter.Label);
        Field("type", parameter.Type);
        if (parameter.Required)
            Field("required", true);
        if (parameter.Default is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } value)
        {
            Scalar("default");
            Json(value);
        }

        if (parameter.AllowedValues is not null)
            FlowList("allowedValues", parameter.AllowedValues);
        if (parameter.Pattern is not null)
            Field("pattern", parameter.Pattern);
        _emitter.Emit(new MappingEnd());
    }

    private void Step(TemplateStep step)
    {
        StartMapping();
        Field("id", step.Id);
        Field("title", step.Title);
        Field("phase", step.Phase);
        Field("action", step.Action);
        if (step.Inputs is not null)
        {
            Scalar("inputs");
            StartMapping(step.Inputs.Count == 0 ? MappingStyle.Flow : MappingStyle.Block);
            foreach (var (key, value) in step.Inputs)
            {
                Scalar(key);
                Json(value);
            }

            _emitter.Emit(new MappingEnd());
        }

        if (step.TimeoutSeconds is { } timeout)
            Field("timeoutSeconds", timeout);
        if (step.ContinueOnError)
            Field("continueOnError", true);
        _emitter.Emit(new MappingEnd());
    }

    private void Json(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var empty = !value.EnumerateObject().Any();
                StartMapping(empty ? MappingStyle.Flow : MappingStyle.Block);
                foreach (var property in value.EnumerateObject())
                {
                    Scalar(property.Name);
                    Json(property.Value);
                }

                _emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                var none = value.GetArrayLength() == 0;
                _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, none ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in value.EnumerateArray())
                    Json(item);
                _emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                Scalar(value.GetString()!);
                break;
            case JsonValueKind.Number:
                Plain(value.GetRawText());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Plain(value.ValueKind == JsonValueKind.True ? "true" : "false");
                break;
            default:
                Plain("null");
                break;
        }
    }

    private void Field(string key, string? value)
    {
        Scalar(key);
        Scalar(value ?? string.Empty);
    }

    private void Field(string key, bool value)
    {
        Scalar(key);
        Plain(value ? "true" : "false");
    }

    private void Field(string key, int value)
    {
        Scalar(key);
        Plain(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private void FlowList(string key, IEnumerable<string> values)
    {
        Scalar(key);
        _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow));
        foreach (var value in values)
            Scalar(value);
        _emitter.Emit(new SequenceEnd());
    }

    private void StartMapping(MappingStyle style = MappingStyle.Block) =>
        _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, style));

    /// <summary>A string: plain when it reads back as the same string, otherwise quoted; multi-line as a literal block.</summary>
    private void Scalar(string text)
    {
        var style = YamlScalars.NeedsQuotes(text) ? ScalarStyle.DoubleQuoted
            : text.Contains('\n') ? ScalarStyle.Literal
            : ScalarStyle.Any;
        _emitter.Emit(new YamlDotNet.Core.Events.Scalar(AnchorName.Empty, TagName.Empty, text, style, true, true));
    }

    private void Plain(string text) =>
        _emitter.Emit(new YamlDotNet.Core.Events.Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false));
}
