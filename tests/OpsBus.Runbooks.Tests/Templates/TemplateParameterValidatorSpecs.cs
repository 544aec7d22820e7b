using System.Diagnostics;
using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.Runbooks.Templates;
using static OpsBus.Runbooks.Tests.Templates.SampleTemplates;

namespace OpsBus.Runbooks.Tests.Templates;

public sealed class When_run_parameters_are_validated
{
    private static readonly RunbookTemplate Template = Valid() with
    {
        Environments = [],
        Parameters =
        [
            new TemplateParameter("name", "Name", ParameterTypes.String, Required: true, Pattern: "^[a-z]+$"),
            new TemplateParameter("size", "Size", ParameterTypes.Number, Default: Value(3)),
            new TemplateParameter("force", "Force", ParameterTypes.Boolean, Default: Value(false)),
            new TemplateParameter("region", "Region", ParameterTypes.Enum, AllowedValues: ["eu", "us"]),
            new TemplateParameter("token", "Token", ParameterTypes.Secret, Pattern: "^tok_[a-z0-9]+$"),
            new TemplateParameter("note", "Note", ParameterTypes.String),
        ],
        Steps = [new TemplateStep("say", "Say", RunPhases.Action, "echo")],
    };

    private static ParameterValidationResult Check(string json, RunbookTemplate? template = null, string? environment = null) =>
        TemplateParameterValidator.Validate(template ?? Template, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json), environment);

    private static void AssertError(ParameterValidationResult result, string field, string fragment)
    {
        Assert.False(result.IsValid);
        Assert.Equal([field], result.Errors.Keys);
        Assert.Contains(result.Errors[field], m => m.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_values_of_every_type_are_kept_and_defaults_fill_the_rest()
    {
        var result = Check("""{"name":"web","region":"us","token":"tok_abc1","force":true}""");

        Assert.True(result.IsValid);
        Assert.Equal("web", result.Values["name"].GetString());
        Assert.Equal(3, result.Values["size"].GetInt32());
        Assert.True(result.Values["force"].GetBoolean());
        Assert.Equal("us", result.Values["region"].GetString());
        Assert.Equal("tok_abc1", result.Values["token"].GetString());
        Assert.False(result.Values.ContainsKey("note"));
    }

    [Fact]
    public void A_missing_required_parameter_is_an_error_and_a_json_null_counts_as_missing()
    {
        AssertError(Check("{}"), "params.name", "required");
        AssertError(Check("""{"name":null}"""), "params.name", "required");
        Assert.Equal(3, Check("""{"name":"a","size":null}""").Values["size"].GetInt32());
    }

    [Fact]
    public void A_default_satisfies_a_required_parameter()
    {
        var template = Template with { Parameters = [new TemplateParameter("name", "Name", ParameterTypes.String, Required: true, Default: Value("world"))] };

        Assert.Equal("world", Check("{}", template).Values["name"].GetString());
    }

    [Fact]
    public void A_number_must_be_a_json_number_and_a_numeric_string_gets_a_hint()
    {
        Assert.Equal(2.5, Check("""{"name":"a","size":2.5}""").Values["size"].GetDouble());
        AssertError(Check("""{"name":"a","size":"4"}"""), "params.size", "without quotes");
        AssertError(Check("""{"name":"a","size":true}"""), "params.size", "must be a number");
    }

    [Fact]
    public void A_boolean_must_be_json_true_or_false()
    {
        AssertError(Check("""{"name":"a","force":"true"}"""), "params.force", "send true without quotes");
        AssertError(Check("""{"name":"a","force":1}"""), "params.force", "true or false");
    }

    [Fact]
    public void An_enum_must_be_one_of_the_allowed_values_exactly()
    {
        AssertError(Check("""{"name":"a","region":"EU"}"""), "params.region", "one of: eu, us");
        AssertError(Check("""{"name":"a","region":1}"""), "params.region", "one of: eu, us");
    }

    [Fact]
    public void A_string_must_be_a_string_matching_its_whole_pattern()
    {
        AssertError(Check("""{"name":7}"""), "params.name", "must be a string");
        AssertError(Check("""{"name":"abc1"}"""), "params.name", "pattern ^[a-z]+$");
        AssertError(Check("""{"name":"a","token":"tok_ABC"}"""), "params.token", "pattern");
    }

    [Fact]
    public void A_pattern_mismatch_never_echoes_a_secret_value()
    {
        var result = Check("""{"name":"a","token":"hunter2"}""");

        Assert.DoesNotContain(result.Errors.SelectMany(e => e.Value), m => m.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pattern_that_backtracks_without_end_fails_the_value_within_its_timeout()
    {
        var template = Template with { Parameters = [new TemplateParameter("name", "Name", ParameterTypes.String, Pattern: "(a|aa)+b")] };
        var clock = Stopwatch.StartNew();

        var result = Check($$"""{"name":"{{new string('a', 60)}}c"}""", template);

        AssertError(result, "params.name", "in time");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void An_unknown_parameter_is_an_error_that_lists_the_known_ones()
    {
        AssertError(Check("""{"name":"a","colour":"red"}"""), "params.colour", "name, size, force, region, token, note");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = Check("""{"size":"x","force":"no","extra":1}""");

        Assert.Equal(["params.extra", "params.force", "params.name", "params.size"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }
}

public sealed class When_a_run_environment_is_resolved
{
    private static ParameterValidationResult Check(IReadOnlyList<string> environments, string? environment) =>
        TemplateParameterValidator.Validate(Valid() with { Parameters = [], Environments = environments }, null, environment);

    [Fact]
    public void A_listed_environment_is_accepted()
    {
        Assert.Equal("prod", Check(["dev", "prod"], "prod").Environment);
    }

    [Fact]
    public void An_unlisted_environment_is_an_error_naming_the_choices()
    {
        var result = Check(["dev", "prod"], "Prod");

        Assert.Null(result.Environment);
        Assert.Contains("dev, prod", Assert.Single(result.Errors["environment"]), StringComparison.Ordinal);
    }

    [Fact]
    public void No_environment_is_required_when_there_are_several_and_defaults_when_there_is_one()
    {
        Assert.Contains("required", Assert.Single(Check(["dev", "prod"], null).Errors["environment"]), StringComparison.Ordinal);
        Assert.Equal("dev", Check(["dev"], " ").Environment);
    }

    [Fact]
    public void A_template_without_environments_keeps_a_given_environment_as_a_label()
    {
        Assert.Equal("lab-3", Check([], "lab-3").Environment);
        Assert.Null(Check([], null).Environment);
        Assert.True(Check([], "lab-3").IsValid);
    }
}
