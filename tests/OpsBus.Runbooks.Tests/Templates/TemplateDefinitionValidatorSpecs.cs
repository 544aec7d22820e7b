using OpsBus.Contracts;
using OpsBus.Runbooks.Templates;
using static OpsBus.Runbooks.Tests.Templates.SampleTemplates;

namespace OpsBus.Runbooks.Tests.Templates;

public sealed class When_a_template_definition_is_validated
{
    private static void AssertOnlyError(RunbookTemplate template, string field, string? fragment = null)
    {
        var errors = TemplateDefinitionValidator.Validate(template);
        Assert.Equal([field], errors.Keys);
        if (fragment is not null)
            Assert.Contains(errors[field], m => m.Contains(fragment, StringComparison.Ordinal));
    }

    private static RunbookTemplate WithParameter(TemplateParameter parameter) =>
        Valid() with { Parameters = [.. Valid().Parameters, parameter] };

    private static RunbookTemplate WithStep(TemplateStep step) =>
        Valid() with { Steps = [.. Valid().Steps, step] };

    [Fact]
    public void A_well_formed_template_has_no_errors()
    {
        Assert.Empty(TemplateDefinitionValidator.Validate(Valid()));
        Assert.Empty(TemplateDefinitionValidator.Validate(EveryFeature()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("Upper")]
    [InlineData("-leading")]
    [InlineData("under_score")]
    [InlineData("a-name-that-is-far-too-long-to-be-a-slug-of-sixty-four-characters-at-most")]
    public void A_bad_slug_is_reported_on_slug(string slug) => AssertOnlyError(Valid() with { Slug = slug }, "slug");

    [Fact]
    public void A_missing_title_risk_or_lane_is_reported_on_its_field()
    {
        AssertOnlyError(Valid() with { Title = " " }, "title", "required");
        AssertOnlyError(Valid() with { Risk = "dangerous" }, "risk", "read, write, destructive");
        AssertOnlyError(Valid() with { DefaultLane = "lane A" }, "defaultLane");
    }

    [Fact]
    public void Environments_must_be_unique_lower_case_identifiers()
    {
        AssertOnlyError(Valid() with { Environments = ["dev", "Prod"] }, "environments[1]", "lower-case");
        AssertOnlyError(Valid() with { Environments = ["dev", "dev"] }, "environments[1]", "twice");
    }

    [Fact]
    public void Parameter_keys_must_be_identifiers_and_unique()
    {
        AssertOnlyError(WithParameter(new TemplateParameter("1st", "First", ParameterTypes.String)), "parameters[3].key");
        AssertOnlyError(WithParameter(new TemplateParameter("service", "Again", ParameterTypes.String)), "parameters[3].key", "twice");
        AssertOnlyError(WithParameter(new TemplateParameter("label", "", ParameterTypes.String)), "parameters[3].label");
    }

    [Fact]
    public void A_parameter_type_must_be_known()
    {
        AssertOnlyError(WithParameter(new TemplateParameter("size", "Size", "integer")), "parameters[3].type", "string, number, boolean, enum, secret");
    }

    [Fact]
    public void An_enum_needs_unique_allowed_values_and_only_an_enum_has_them()
    {
        AssertOnlyError(WithParameter(new TemplateParameter("size", "Size", ParameterTypes.Enum)), "parameters[3].allowedValues");
        AssertOnlyError(WithParameter(new TemplateParameter("size", "Size", ParameterTypes.Enum, AllowedValues: [])), "parameters[3].allowedValues");
        AssertOnlyError(WithParameter(new TemplateParameter("size", "Size", ParameterTypes.Enum, AllowedValues: ["s", "s"])), "parameters[3].allowedValues", "unique");
        AssertOnlyError(WithParameter(new TemplateParameter("size", "Size", ParameterTypes.String, AllowedValues: ["s"])), "parameters[3].allowedValues", "Only an enum");
    }

    [Fact]
    public void A_pattern_must_compile_and_belong_to_a_text_parameter()
    {
        AssertOnlyError(WithParameter(new TemplateParameter("name", "Name", ParameterTypes.String, Pattern: "([a-z")), "parameters[3].pattern", "not a valid regular expression");
        AssertOnlyError(WithParameter(new TemplateParameter("size", "Size", ParameterTypes.Number, Pattern: "[0-9]+")), "parameters[3].pattern", "Only a string or secret");
    }

    [Fact]
    public void A_default_must_fit_the_type_the_allowed_values_and_the_pattern()
    {
        AssertOnlyError(WithParameter(new TemplateParameter("size", "Size", ParameterTypes.Number, Default: Value("3"))), "parameters[3].default", "JSON number");
        AssertOnlyError(WithParameter(new TemplateParameter("on", "On", ParameterTypes.Boolean, Default: Value(1))), "parameters[3].default", "true or false");
        AssertOnlyError(WithParameter(new TemplateParameter("size", "Size", ParameterTypes.Enum, Default: Value("xl"), AllowedValues: ["s", "m"])), "parameters[3].default", "s, m");
        AssertOnlyError(WithParameter(new TemplateParameter("name", "Name", ParameterTypes.String, Default: Value("Not Ok"), Pattern: "^[a-z]+$")), "parameters[3].default", "pattern");
        AssertOnlyError(WithParameter(new TemplateParameter("name", "Name", ParameterTypes.String, Default: Value(5))), "parameters[3].default", "string");
    }

    [Fact]
    public void A_secret_may_not_have_a_default()
    {
        AssertOnlyError(WithParameter(new TemplateParameter("password", "Password", ParameterTypes.Secret, Default: Value("hunter2"))), "parameters[3].default", "secret");
    }

    [Fact]
    public void A_template_needs_a_step()
    {
        AssertOnlyError(Valid() with { Steps = [] }, "steps", "at least one");
    }

    [Fact]
    public void Step_ids_must_be_well_formed_and_unique()
    {
        AssertOnlyError(WithStep(new TemplateStep("Bad Id", "Bad", RunPhases.Verify, "echo")), "steps[2].id");
        AssertOnlyError(WithStep(new TemplateStep("check", "Again", RunPhases.Verify, "echo")), "steps[2].id", "twice");
    }

    [Fact]
    public void A_step_needs_a_title_a_known_phase_an_action_and_a_positive_timeout()
    {
        AssertOnlyError(WithStep(new TemplateStep("v", "", RunPhases.Verify, "echo")), "steps[2].title");
        AssertOnlyError(WithStep(new TemplateStep("v", "Verify", "cleanup", "echo")), "steps[2].phase", "validate, preflight, action, verify, summarize");
        AssertOnlyError(WithStep(new TemplateStep("v", "Verify", RunPhases.Verify, " ")), "steps[2].action");
        AssertOnlyError(WithStep(new TemplateStep("v", "Verify", RunPhases.Verify, "echo", TimeoutSeconds: 0)), "steps[2].timeoutSeconds");
    }

    [Fact]
    public void A_reference_to_an_undeclared_parameter_is_reported_on_the_input_at_any_depth()
    {
        var step = new TemplateStep("v", "Verify", RunPhases.Verify, "http.request", Inputs(("body", Json("""{"items":[1,{"name":"${{ params.nope }}"}]}"""))));

        AssertOnlyError(WithStep(step), "steps[2].inputs.body.items[1].name", "'nope' is not declared");
    }

    [Fact]
    public void An_unknown_reference_form_is_reported()
    {
        var step = new TemplateStep("v", "Verify", RunPhases.Verify, "echo", Inputs(("message", Value("${{ secrets.token }}"))));

        AssertOnlyError(WithStep(step), "steps[2].inputs.message", "not a reference");
    }

    [Fact]
    public void The_environment_may_only_be_referenced_by_a_template_with_environments()
    {
        AssertOnlyError(Valid() with { Environments = [] }, "steps[0].inputs.environment", "env");
    }

    [Fact]
    public void A_step_output_reference_must_name_a_step_that_runs_earlier()
    {
        var later = new TemplateStep("v", "Verify", RunPhases.Verify, "echo", Inputs(("message", Value("${{ steps.v2.outputs.x }}"))));
        var after = new TemplateStep("v2", "Verify again", RunPhases.Verify, "echo");
        var self = new TemplateStep("v", "Verify", RunPhases.Verify, "echo", Inputs(("message", Value("${{ steps.v.outputs.x }}"))));
        var missing = new TemplateStep("v", "Verify", RunPhases.Verify, "echo", Inputs(("message", Value("${{ steps.ghost.outputs.x }}"))));

        AssertOnlyError(Valid() with { Steps = [.. Valid().Steps, later, after] }, "steps[2].inputs.message", "does not run before");
        AssertOnlyError(WithStep(self), "steps[2].inputs.message", "does not run before");
        AssertOnlyError(WithStep(missing), "steps[2].inputs.message", "does not exist");
    }

    [Fact]
    public void Execution_order_is_phase_first_so_a_step_written_later_in_an_earlier_phase_may_be_referenced()
    {
        var summary = new TemplateStep("report", "Report", RunPhases.Summarize, "echo", Inputs(("message", Value("${{ steps.late.outputs.x }}"))));
        var written = new TemplateStep("late", "Written last, runs first", RunPhases.Validate, "echo");
        var wrongWay = new TemplateStep("early", "Validate", RunPhases.Validate, "echo", Inputs(("message", Value("${{ steps.check.outputs.x }}"))));

        Assert.Empty(TemplateDefinitionValidator.Validate(Valid() with { Steps = [summary, .. Valid().Steps, written] }));
        AssertOnlyError(WithStep(wrongWay), "steps[2].inputs.message", "does not run before");
    }

    [Fact]
    public void A_secret_must_be_a_whole_input_value()
    {
        var interpolated = new TemplateStep("v", "Verify", RunPhases.Verify, "http.request", Inputs(("headers", Json("""{"Authorization":"Bearer ${{ params.token }}"}"""))));
        var twice = new TemplateStep("v", "Verify", RunPhases.Verify, "echo", Inputs(("message", Value("${{ params.token }}${{ params.token }}"))));
        var whole = new TemplateStep("v", "Verify", RunPhases.Verify, "http.request", Inputs(("headers", Json("""{"Authorization":"${{params.token}}"}"""))));

        AssertOnlyError(WithStep(interpolated), "steps[2].inputs.headers.Authorization", "whole value");
        AssertOnlyError(WithStep(twice), "steps[2].inputs.message", "whole value");
        Assert.Empty(TemplateDefinitionValidator.Validate(WithStep(whole)));
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var errors = TemplateDefinitionValidator.Validate(Valid() with { Slug = "X", Title = "", Steps = [] });

        Assert.Equal(["slug", "steps", "title"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
