using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.Runbooks.Catalog;
using OpsBus.Runbooks.Secrets;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Runbooks.Tests.Catalog;

public sealed class When_the_shipped_templates_are_loaded
{
    public static TheoryData<string> Slugs => [.. ShippedTemplates.All.Select(t => t.Slug)];

    [Fact]
    public void The_catalogue_holds_the_seven_runbooks_once_each_named_after_their_files()
    {
        Assert.Equal(["deploy", "healthcheck", "hello", "incident-triage", "schema-sync", "spec-kit-generate", "spec-kit-validate"], ShippedTemplates.All.Select(t => t.Slug));
        Assert.Equal(ShippedTemplates.All.Select(t => t.Slug + ".yaml").Order(StringComparer.Ordinal), ShippedTemplates.Sources().Keys);
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Each_passes_the_definition_validator(string slug)
    {
        Assert.Empty(TemplateDefinitionValidator.Validate(ShippedTemplates.Find(slug)!));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Each_renders_with_its_defaults_and_one_of_its_environments(string slug)
    {
        var template = ShippedTemplates.Find(slug)!;
        var required = template.Parameters.Where(p => p.Required && p.Default is null)
            .ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement("checkout"));
        var valid = TemplateParameterValidator.Validate(template, required, template.Environments.LastOrDefault());

        var rendered = TemplateRenderer.Render(template, 1, valid, protector: null);

        Assert.True(valid.IsValid);
        Assert.Equal(template.Steps.Count, rendered.Plan.Steps.Count);
        var inputs = string.Join("\n", rendered.Plan.Steps.SelectMany(s => s.Inputs ?? new Dictionary<string, JsonElement>()).Select(i => i.Value.GetRawText()));
        Assert.DoesNotContain("params.", inputs, StringComparison.Ordinal);
        Assert.DoesNotContain("${{ env }}", inputs, StringComparison.Ordinal);
    }

    [Fact]
    public void Hello_greets_the_given_name()
    {
        var hello = ShippedTemplates.Find("hello")!;
        var valid = TemplateParameterValidator.Validate(hello, new Dictionary<string, JsonElement> { ["name"] = JsonSerializer.SerializeToElement("Ada") }, null);

        var plan = TemplateRenderer.Render(hello, 1, valid, null).Plan;

        Assert.Equal("Hello, Ada!", plan.Steps.Single(s => s.Phase == RunPhases.Action).Inputs!["message"].GetString());
    }

    [Fact]
    public void Deploy_dispatches_the_workflow_then_waits_on_the_run_it_started()
    {
        var deploy = ShippedTemplates.Find("deploy")!;
        var valid = TemplateParameterValidator.Validate(deploy, null, "prod");

        var steps = TemplateRenderer.Render(deploy, 1, valid, null).Plan.Steps;

        var dispatch = steps.Single(s => s.Action == "github.workflow.dispatch");
        Assert.Equal("""{"environment":"prod","service":"web"}""", dispatch.Inputs!["inputs"].GetRawText());
        Assert.Equal(("opsbus/app", "main", "deploy.yml"), (dispatch.Inputs["repository"].GetString(), dispatch.Inputs["ref"].GetString(), dispatch.Inputs["workflow"].GetString()));
        var status = steps.Single(s => s.Action == "github.workflow.status");
        Assert.Equal($"${{{{ steps.{dispatch.Id}.outputs.runId }}}}", status.Inputs!["runId"].GetString());
        Assert.Equal(TemplateRisks.Write, deploy.Risk);
    }

    [Fact]
    public void Schema_sync_diffs_the_source_against_the_run_environment()
    {
        var sync = ShippedTemplates.Find("schema-sync")!;
        var valid = TemplateParameterValidator.Validate(sync, new Dictionary<string, JsonElement> { ["from"] = JsonSerializer.SerializeToElement("dev") }, "prod");

        var diff = TemplateRenderer.Render(sync, 1, valid, null).Plan.Steps.Single(s => s.Action == "schema.diff");

        Assert.Equal(("dev", "prod"), (diff.Inputs!["source"].GetString(), diff.Inputs["target"].GetString()));
        Assert.False(valid.Values["apply"].GetBoolean());
    }

    [Fact]
    public void Spec_kit_generate_hands_feature_summary_goals_constraints_and_repository_to_spec_generate()
    {
        var template = ShippedTemplates.Find("spec-kit-generate")!;
        var valid = TemplateParameterValidator.Validate(template, new Dictionary<string, JsonElement>
        {
            ["feature"] = JsonSerializer.SerializeToElement("Deploy freeze"),
            ["summary"] = JsonSerializer.SerializeToElement("Stop deploys during freezes."),
            ["goals"] = JsonSerializer.SerializeToElement("Block deploys; Allow overrides"),
            ["repository"] = JsonSerializer.SerializeToElement("acme/shop"),
        }, null);

        var generate = TemplateRenderer.Render(template, 1, valid, null).Plan.Steps.Single(s => s.Action == "spec.generate");

        Assert.Equal(("Deploy freeze", "Stop deploys during freezes.", "Block deploys; Allow overrides", "acme/shop"),
            (generate.Inputs!["feature"].GetString(), generate.Inputs["summary"].GetString(), generate.Inputs["goals"].GetString(), generate.Inputs["repository"].GetString()));
        Assert.Equal(JsonValueKind.Null, generate.Inputs["constraints"].ValueKind);
        Assert.Equal(["params.feature", "params.goals", "params.summary"], TemplateParameterValidator.Validate(template, null, null).Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Spec_kit_validate_checks_the_folder_in_the_repository_at_the_ref()
    {
        var template = ShippedTemplates.Find("spec-kit-validate")!;
        var valid = TemplateParameterValidator.Validate(template, new Dictionary<string, JsonElement>
        {
            ["path"] = JsonSerializer.SerializeToElement("spec/deploy-freeze"),
            ["repository"] = JsonSerializer.SerializeToElement("acme/shop"),
            ["ref"] = JsonSerializer.SerializeToElement("spec-kit/deploy-freeze"),
        }, null);

        var validate = TemplateRenderer.Render(template, 1, valid, null).Plan.Steps.Single(s => s.Action == "spec.validate");

        Assert.Equal(("spec/deploy-freeze", "acme/shop", "spec-kit/deploy-freeze"),
            (validate.Inputs!["path"].GetString(), validate.Inputs["repository"].GetString(), validate.Inputs["ref"].GetString()));
        Assert.Equal(TemplateRisks.Read, template.Risk);
    }

    [Fact]
    public void Healthcheck_refuses_a_service_name_outside_its_pattern()
    {
        var result = TemplateParameterValidator.Validate(ShippedTemplates.Find("healthcheck")!, new Dictionary<string, JsonElement> { ["service"] = JsonSerializer.SerializeToElement("API Gateway") }, "dev");

        Assert.Equal(["params.service"], result.Errors.Keys);
    }

    [Fact]
    public void No_shipped_template_carries_a_secret_default()
    {
        Assert.DoesNotContain(ShippedTemplates.All.SelectMany(t => t.Parameters), p => p.Type == ParameterTypes.Secret && p.Default is not null);
        Assert.DoesNotContain(ShippedTemplates.Sources().Values, yaml => yaml.Contains(SecretEnvelope.PropertyName, StringComparison.Ordinal));
    }
}
