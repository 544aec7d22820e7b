using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.Runbooks.Secrets;
using OpsBus.Runbooks.Templates;
using static OpsBus.Runbooks.Tests.Templates.SampleTemplates;

namespace OpsBus.Runbooks.Tests.Templates;

public sealed class When_a_template_is_rendered
{
    private readonly SecretProtector _protector = SecretProtector.FromBase64(SecretProtector.NewKey());

    private RenderedTemplate Render(RunbookTemplate template, string parameters, string? environment, SecretProtector? protector = null)
    {
        var valid = TemplateParameterValidator.Validate(template, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(parameters), environment);
        Assert.True(valid.IsValid, string.Join("; ", valid.Errors.SelectMany(e => e.Value)));
        return TemplateRenderer.Render(template, 1, valid, protector ?? _protector);
    }

    private RenderedTemplate RenderEveryFeature() =>
        Render(EveryFeature(), """{"apiToken":"s3cr3t-value","replicas":4,"dryRun":false,"region":"42"}""", "staging");

    private static JsonElement Input(RenderedTemplate rendered, string step, string input) =>
        rendered.Plan.Steps.Single(s => s.Id == step).Inputs![input];

    [Fact]
    public void Steps_keep_their_order_and_attributes()
    {
        var rendered = RenderEveryFeature();

        Assert.Equal(["summary", "call", "validate", "no-inputs", "empty-inputs"], rendered.Plan.Steps.Select(s => s.Id));
        var call = rendered.Plan.Steps[1];
        Assert.Equal(("Call the API", RunPhases.Action, "http.request", 45, true), (call.Title, call.Phase, call.Action, call.TimeoutSeconds, call.ContinueOnError));
        Assert.Null(rendered.Plan.Steps[3].Inputs);
        Assert.Empty(rendered.Plan.Steps[4].Inputs!);
    }

    [Fact]
    public void A_whole_string_parameter_reference_becomes_the_typed_value()
    {
        var body = Input(RenderEveryFeature(), "call", "body");

        Assert.Equal(JsonValueKind.Number, body.GetProperty("replicas").ValueKind);
        Assert.Equal(4, body.GetProperty("replicas").GetInt32());
        Assert.Equal(JsonValueKind.False, body.GetProperty("dryRun").ValueKind);
        Assert.Equal("42", body.GetProperty("region").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("note").ValueKind);
    }

    [Fact]
    public void References_inside_larger_strings_are_interpolated_as_text_at_any_depth()
    {
        var rendered = RenderEveryFeature();

        Assert.Equal("https://api.staging.example.test/scale?n=4", Input(rendered, "call", "url").GetString());
        Assert.Equal("dry-run=false", Input(rendered, "call", "headers").GetProperty("X-Dry-Run").GetString());
        Assert.Equal("api", Input(rendered, "call", "body").GetProperty("tags")[4].GetProperty("deep")[0].GetString());
        Assert.Equal("Scaling api ", Input(rendered, "validate", "message").GetString());
    }

    [Fact]
    public void An_optional_parameter_without_a_value_interpolates_as_empty()
    {
        var template = Valid() with
        {
            Parameters = [new TemplateParameter("note", "Note", ParameterTypes.String)],
            Steps = [new TemplateStep("say", "Say", RunPhases.Action, "echo", Inputs(("message", Value("note=[${{ params.note }}]"))))],
        };

        Assert.Equal("note=[]", Input(Render(template, "{}", "dev"), "say", "message").GetString());
    }

    [Fact]
    public void Step_output_references_are_left_for_the_worker()
    {
        Assert.Equal("Done: ${{ steps.call.outputs.status }} in staging", Input(RenderEveryFeature(), "summary", "message").GetString());
    }

    [Fact]
    public void Values_that_only_look_like_other_kinds_stay_as_they_were()
    {
        var body = Input(RenderEveryFeature(), "call", "body");

        Assert.Equal("""{"$.status":"ok","$.count":3}""", Input(RenderEveryFeature(), "call", "assert").GetRawText());
        Assert.Equal(("42", "true", "null", ""), (body.GetProperty("looksLikeNumber").GetString(), body.GetProperty("looksLikeBool").GetString(), body.GetProperty("looksLikeNull").GetString(), body.GetProperty("blank").GetString()));
        Assert.Equal("""["a",1,true,null,{"deep":["api"]}]""", body.GetProperty("tags").GetRawText());
    }

    [Fact]
    public void A_secret_is_sealed_into_an_envelope_that_the_same_key_opens()
    {
        var rendered = RenderEveryFeature();
        var authorization = Input(rendered, "call", "headers").GetProperty("Authorization");

        Assert.True(SecretEnvelope.TryRead(authorization, out var sealedValue));
        Assert.True(_protector.TryOpen(sealedValue, out var opened));
        Assert.Equal("s3cr3t-value", opened);
        Assert.DoesNotContain("s3cr3t", JsonSerializer.Serialize(rendered, TemplateJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Display_parameters_show_values_with_defaults_and_mask_secrets()
    {
        var display = RenderEveryFeature().DisplayParameters;

        Assert.Equal(SecretEnvelope.Mask, display["apiToken"].GetString());
        Assert.Equal("api", display["service"].GetString());
        Assert.Equal(4, display["replicas"].GetInt32());
        Assert.False(display.ContainsKey("note"));
    }

    [Fact]
    public void A_secret_without_a_protector_is_refused_clearly()
    {
        var valid = TemplateParameterValidator.Validate(EveryFeature(), new Dictionary<string, JsonElement> { ["apiToken"] = Value("x") }, "dev");

        var error = Assert.Throws<InvalidOperationException>(() => TemplateRenderer.Render(EveryFeature(), 1, valid, null));

        Assert.Contains("apiToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_without_secrets_renders_without_a_protector()
    {
        var template = Valid() with { Parameters = [.. Valid().Parameters.Where(p => p.Type != ParameterTypes.Secret)], Steps = [Valid().Steps[0]] };
        var valid = TemplateParameterValidator.Validate(template, null, "prod");

        var rendered = TemplateRenderer.Render(template, 1, valid, null);

        Assert.Equal("prod", rendered.Plan.Steps[0].Inputs!["environment"].GetString());
    }

    [Fact]
    public void A_template_that_would_leak_a_secret_or_reference_nothing_is_refused_even_unvalidated()
    {
        var leaky = Valid() with { Steps = [new TemplateStep("s", "S", RunPhases.Action, "echo", Inputs(("message", Value("token=${{ params.token }}"))))] };
        var dangling = Valid() with { Steps = [new TemplateStep("s", "S", RunPhases.Action, "echo", Inputs(("message", Value("${{ params.ghost }}"))))] };
        var parameters = new Dictionary<string, JsonElement> { ["token"] = Value("hunter2") };

        var leak = Assert.Throws<InvalidOperationException>(() => TemplateRenderer.Render(leaky, 1, TemplateParameterValidator.Validate(leaky, parameters, "dev"), _protector));
        Assert.Throws<InvalidOperationException>(() => TemplateRenderer.Render(dangling, 1, TemplateParameterValidator.Validate(dangling, null, "dev"), _protector));
        Assert.DoesNotContain("hunter2", leak.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_parameters_are_refused()
    {
        var invalid = TemplateParameterValidator.Validate(Valid(), null, "qa");

        Assert.Throws<ArgumentException>(() => TemplateRenderer.Render(Valid(), 1, invalid, _protector));
    }
}
