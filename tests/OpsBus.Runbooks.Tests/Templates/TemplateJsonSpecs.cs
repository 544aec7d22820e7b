using System.Text.Json;
using OpsBus.Runbooks.Templates;
using static OpsBus.Runbooks.Tests.Templates.SampleTemplates;

namespace OpsBus.Runbooks.Tests.Templates;

public sealed class When_a_template_goes_through_json
{
    [Fact]
    public void It_uses_camel_case_and_reads_back_equivalent()
    {
        var json = JsonSerializer.Serialize(EveryFeature(), TemplateJson.Options);

        var parsed = JsonSerializer.Deserialize<RunbookTemplate>(json, TemplateJson.Options)!;

        Assert.Contains("\"defaultLane\":\"B\"", json, StringComparison.Ordinal);
        Assert.Contains("\"allowedValues\":[", json, StringComparison.Ordinal);
        Assert.Contains("\"continueOnError\":true", json, StringComparison.Ordinal);
        Assert.True(TemplateJson.AreEquivalent(EveryFeature(), parsed));
    }

    [Fact]
    public void Canonical_json_sorts_keys_drops_whitespace_and_normalises_string_escapes()
    {
        Assert.Equal("""{"a":[2,1],"b":{"c":"\u00E9","d":null}}""", TemplateJson.Canonical(Json("""{ "b": {"d": null, "c": "é"}, "a": [2, 1] }""")));
        Assert.Equal(TemplateJson.Canonical(Json("""{"s":"\u0041"}""")), TemplateJson.Canonical(Json("""{"s":"A"}""")));
    }

    [Fact]
    public void Templates_that_differ_in_one_input_are_not_equivalent()
    {
        var changed = EveryFeature() with { Steps = [EveryFeature().Steps[0] with { Inputs = Inputs(("message", Value("other"))) }, .. EveryFeature().Steps.Skip(1)] };

        Assert.False(TemplateJson.AreEquivalent(EveryFeature(), changed));
    }
}
