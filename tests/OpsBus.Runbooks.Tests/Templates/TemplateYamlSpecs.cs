using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.Runbooks.Catalog;
using OpsBus.Runbooks.Templates;
using static OpsBus.Runbooks.Tests.Templates.SampleTemplates;

namespace OpsBus.Runbooks.Tests.Templates;

public sealed class When_a_template_goes_through_yaml
{
    public static TheoryData<string> ShippedSlugs => [.. ShippedTemplates.All.Select(t => t.Slug)];

    private static void AssertRoundTrip(RunbookTemplate template)
    {
        var yaml = TemplateYaml.Serialize(template);

        var parsed = TemplateYaml.Parse(yaml);

        Assert.True(TemplateJson.AreEquivalent(template, parsed), $"Round trip changed the template.\nYAML:\n{yaml}\nBefore: {TemplateJson.Canonical(template)}\nAfter:  {TemplateJson.Canonical(parsed)}");
    }

    [Fact]
    public void A_template_using_every_feature_survives_the_round_trip()
    {
        AssertRoundTrip(EveryFeature());
    }

    [Theory]
    [MemberData(nameof(ShippedSlugs))]
    public void A_shipped_template_survives_the_round_trip(string slug)
    {
        AssertRoundTrip(ShippedTemplates.Find(slug)!);
    }

    [Fact]
    public void Strings_that_look_like_other_kinds_are_quoted_and_multi_line_strings_are_blocks()
    {
        var yaml = TemplateYaml.Serialize(EveryFeature());

        Assert.Contains("looksLikeNumber: \"42\"", yaml, StringComparison.Ordinal);
        Assert.Contains("looksLikeBool: \"true\"", yaml, StringComparison.Ordinal);
        Assert.Contains("blank: \"\"", yaml, StringComparison.Ordinal);
        Assert.Contains("expectStatus: 200", yaml, StringComparison.Ordinal);
        Assert.Contains("multi: |", yaml, StringComparison.Ordinal);
        Assert.Contains("environments: [dev, staging, prod]", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_scalars_read_by_the_yaml_1_2_core_schema()
    {
        var template = TemplateYaml.Parse("""
            slug: kinds
            title: Kinds
            defaultLane: A
            risk: read
            steps:
              - id: s
                title: S
                phase: action
                action: echo
                inputs:
                  int: 42
                  negative: -7
                  float: 2.50
                  exponent: 1e3
                  plusSign: +5
                  leadingZeros: 007
                  hex: 0x1F
                  octal: 0o17
                  bool: true
                  capitalBool: False
                  yaml11Word: yes
                  nothing: ~
                  empty:
                  quotedNumber: '42'
                  taggedNumber: !!str 42
                  text: hello world
                  reference: ${{ params.x }}
                  literal: |
                    a
                    b
                  after: end
            """);

        var inputs = template.Steps[0].Inputs!;
        string Raw(string key) => inputs[key].GetRawText();
        Assert.Equal(["42", "-7", "2.50", "1e3", "5", "7", "31", "15"], new[] { "int", "negative", "float", "exponent", "plusSign", "leadingZeros", "hex", "octal" }.Select(Raw));
        Assert.Equal(["true", "false", "\"yes\"", "null", "null", "\"42\"", "\"42\"", "\"hello world\"", "\"${{ params.x }}\""], new[] { "bool", "capitalBool", "yaml11Word", "nothing", "empty", "quotedNumber", "taggedNumber", "text", "reference" }.Select(Raw));
        Assert.Equal("a\nb\n", inputs["literal"].GetString());
    }

    [Fact]
    public void Missing_optional_fields_read_as_empty()
    {
        var template = TemplateYaml.Parse("""
            slug: bare
            title: Bare
            defaultLane: A
            risk: read
            steps:
              - { id: s, title: S, phase: action, action: sleep }
            """);

        Assert.Equal(("", 0, 0), (template.Description, template.Environments.Count, template.Parameters.Count));
        Assert.Equal(new TemplateStep("s", "S", RunPhases.Action, "sleep"), template.Steps[0]);
        Assert.Empty(TemplateDefinitionValidator.Validate(template));
    }
}

public sealed class When_template_yaml_is_malformed
{
    private static TemplateYamlException ParseFails(string yaml) => Assert.Throws<TemplateYamlException>(() => TemplateYaml.Parse(yaml));

    [Fact]
    public void A_syntax_error_reports_its_line_and_column()
    {
        var error = ParseFails("slug: a\ntitle: \"unclosed\nrisk: read\n");

        Assert.Equal((2, 8), (error.Line, error.Column));
        Assert.StartsWith("Line 2, column 8: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unterminated_flow_collection_reports_where_reading_stopped()
    {
        var error = ParseFails("slug: a\ntitle: [unclosed\nrisk: read\n");

        Assert.True(error.Line >= 2, error.Message);
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_indentation_reports_its_line()
    {
        var error = ParseFails("slug: a\nsteps:\n  - id: s\n   title: t\n");

        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void An_unknown_key_is_reported_where_it_is()
    {
        var error = ParseFails("slug: a\ntitle: A\nsteps:\n  - id: s\n    titel: S\n");

        Assert.Equal((5, 5), (error.Line, error.Column));
        Assert.Contains("Unknown key 'titel'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_is_reported()
    {
        var error = ParseFails("slug: a\nslug: b\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("slug", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("slug: a\nenvironments: dev\n", 2, "must be a list")]
    [InlineData("slug: a\nparameters:\n  - key: k\n    required: yes\n", 4, "true or false")]
    [InlineData("slug: a\nsteps:\n  - id: s\n    timeoutSeconds: soon\n", 4, "whole number")]
    [InlineData("slug: a\nsteps:\n  - id: s\n    inputs: [1, 2]\n", 4, "mapping")]
    [InlineData("slug: [a, b]\n", 1, "single value")]
    [InlineData("- just\n- a list\n", 1, "mapping")]
    [InlineData("slug: a\nsteps:\n  - id: s\n    inputs:\n      n: .inf\n", 5, "JSON")]
    [InlineData("slug: a\nsteps:\n  - id: s\n    inputs:\n      n: !custom x\n", 5, "tag")]
    public void A_value_of_the_wrong_kind_is_reported_with_its_line(string yaml, int line, string fragment)
    {
        var error = ParseFails(yaml);

        Assert.Equal(line, error.Line);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_text_or_several_documents_are_not_a_template()
    {
        Assert.Contains("exactly one", ParseFails("").Message, StringComparison.Ordinal);
        Assert.Contains("exactly one", ParseFails("slug: a\n---\nslug: b\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_nested_deeper_than_the_limit_are_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 80)) + string.Concat(Enumerable.Repeat("]", 80));

        Assert.Contains("nest", ParseFails($"slug: a\nsteps:\n  - id: s\n    inputs:\n      deep: {deep}\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_default_null_reads_as_no_default()
    {
        var template = TemplateYaml.Parse("slug: a\nparameters:\n  - key: k\n    label: K\n    type: string\n    default: null\n");

        Assert.Null(template.Parameters[0].Default);
        Assert.Equal(JsonValueKind.Undefined, template.Parameters[0].Default.GetValueOrDefault().ValueKind);
    }
}
