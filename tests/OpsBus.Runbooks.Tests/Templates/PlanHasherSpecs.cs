using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.Runbooks.Secrets;
using OpsBus.Runbooks.Templates;
using static OpsBus.Runbooks.Tests.Templates.SampleTemplates;

namespace OpsBus.Runbooks.Tests.Templates;

public sealed class When_a_rendered_plan_is_hashed
{
    private const string Parameters = """{"apiToken":"first-secret","replicas":4}""";
    private readonly SecretProtector _protector = SecretProtector.FromBase64(SecretProtector.NewKey());

    private string Hash(RunbookTemplate template, string parameters = Parameters, string? environment = "staging", int version = 1)
    {
        var valid = TemplateParameterValidator.Validate(template, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(parameters), environment);
        Assert.True(valid.IsValid);
        return TemplateRenderer.Render(template, version, valid, _protector).PlanHash;
    }

    [Fact]
    public void The_hash_is_lower_case_hex_sha256_and_stable_across_renders()
    {
        var hash = Hash(EveryFeature());

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, Hash(EveryFeature()));
        Assert.Equal(hash, Hash(EveryFeature(), """{"replicas":4,"apiToken":"first-secret"}"""));
    }

    [Fact]
    public void The_hash_changes_with_the_parameters_the_environment_the_version_or_the_plan()
    {
        var baseline = Hash(EveryFeature());
        var otherTitle = EveryFeature() with { Steps = [EveryFeature().Steps[0] with { Title = "Summarise" }, .. EveryFeature().Steps.Skip(1)] };

        Assert.NotEqual(baseline, Hash(EveryFeature(), """{"apiToken":"first-secret","replicas":5}"""));
        Assert.NotEqual(baseline, Hash(EveryFeature(), environment: "prod"));
        Assert.NotEqual(baseline, Hash(EveryFeature(), version: 2));
        Assert.NotEqual(baseline, Hash(otherTitle));
        Assert.NotEqual(baseline, Hash(EveryFeature() with { Slug = "every-feature-2" }));
    }

    [Fact]
    public void A_secret_value_does_not_influence_the_hash_because_it_is_masked_before_hashing()
    {
        Assert.Equal(Hash(EveryFeature()), Hash(EveryFeature(), """{"apiToken":"another-secret","replicas":4}"""));
    }

    [Fact]
    public void The_hash_input_holds_neither_the_secret_nor_its_sealed_form()
    {
        var valid = TemplateParameterValidator.Validate(EveryFeature(), JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Parameters), "staging");
        var rendered = TemplateRenderer.Render(EveryFeature(), 1, valid, _protector);

        var input = PlanHasher.CanonicalInput("every-feature", 1, "staging", rendered.DisplayParameters, rendered.Plan);

        Assert.Equal(rendered.PlanHash, PlanHasher.Hash("every-feature", 1, "staging", rendered.DisplayParameters, rendered.Plan));
        Assert.DoesNotContain("first-secret", input, StringComparison.Ordinal);
        Assert.DoesNotContain("v1:", input, StringComparison.Ordinal);
        Assert.Contains("\"Authorization\":\"***\"", input, StringComparison.Ordinal);
        Assert.StartsWith("{\"environment\":\"staging\",\"parameters\":{", input, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ad_hoc_plan_hashes_the_same_whatever_the_key_order_or_the_sealed_secret()
    {
        var first = new RunPlan([new PlanStep("call", "Call", RunPhases.Action, "http.request", new Dictionary<string, JsonElement>
        {
            ["body"] = Json("""{"a":1,"b":[true,{"y":2,"x":1}]}"""),
            ["token"] = SecretEnvelope.Create(_protector.Seal("one")),
        })]);
        var second = new RunPlan([new PlanStep("call", "Call", RunPhases.Action, "http.request", new Dictionary<string, JsonElement>
        {
            ["token"] = SecretEnvelope.Create(_protector.Seal("two")),
            ["body"] = Json("""{ "b": [true, {"x":1, "y":2}], "a": 1 }"""),
        })]);
        var empty = new Dictionary<string, JsonElement>();

        Assert.Equal(PlanHasher.Hash(null, null, null, empty, first), PlanHasher.Hash(null, null, null, empty, second));
        Assert.NotEqual(PlanHasher.Hash(null, null, null, empty, first), PlanHasher.Hash(null, null, "dev", empty, first));
        Assert.NotEqual(PlanHasher.Hash(null, null, null, empty, first), PlanHasher.Hash("hello", 1, null, empty, first));
    }

    [Fact]
    public void An_array_order_change_in_the_plan_changes_the_hash()
    {
        var empty = new Dictionary<string, JsonElement>();
        RunPlan Plan(string body) => new([new PlanStep("s", "S", RunPhases.Action, "echo", new Dictionary<string, JsonElement> { ["list"] = Json(body) })]);

        Assert.NotEqual(PlanHasher.Hash(null, null, null, empty, Plan("[1,2]")), PlanHasher.Hash(null, null, null, empty, Plan("[2,1]")));
    }
}
