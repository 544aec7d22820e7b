using System.Text.Json;
using static OpsBus.LaneWorker.Tests.Adapters.SupabaseFake;

namespace OpsBus.LaneWorker.Tests.Adapters;

public sealed class When_a_plan_checks_supabase_health
{
    [Fact]
    public async Task Should_count_the_healthy_services()
    {
        await using var supabase = await SupabaseFake.StartAsync();
        await using var rig = supabase.Rig();

        var run = (await rig.Run("supabase.health")).Succeeded();

        Assert.Equal("4", run.Outputs["healthy"]);
        Assert.Equal("?services=db,auth,rest,storage", supabase.Server.RequestsTo("/health").Single().Query);
    }

    [Fact]
    public async Task Should_fail_naming_each_unhealthy_service()
    {
        await using var supabase = await SupabaseFake.StartAsync();
        await using var rig = supabase.Rig();
        supabase.Unhealthy.UnionWith(["auth", "storage"]);

        var run = await rig.Run("supabase.health", ("projectRef", ProjectRef));

        Assert.True(run.Failed.Retryable);
        Assert.Equal($"Supabase: project {ProjectRef} is unhealthy: auth (UNHEALTHY), storage (UNHEALTHY).", run.Failed.Message);
        Assert.Equal("2", run.Outputs["healthy"]);
    }

    [Fact]
    public async Task Should_refuse_a_malformed_project_reference()
    {
        await using var supabase = await SupabaseFake.StartAsync();
        await using var rig = supabase.Rig();

        var failure = (await rig.Run("supabase.health", ("projectRef", "../admin"))).Failed;

        Assert.False(failure.Retryable);
        Assert.Contains("must be a Supabase project reference", failure.Message);
        Assert.Empty(supabase.Server.Requests);
    }
}

public sealed class When_a_plan_runs_a_supabase_sql_smoke_test
{
    [Fact]
    public async Task Should_run_the_default_query_and_count_the_rows()
    {
        await using var supabase = await SupabaseFake.StartAsync();
        await using var rig = supabase.Rig();

        var run = (await rig.Run("supabase.sql.smoke")).Succeeded();

        Assert.Equal("1", run.Outputs["rowCount"]);
        var body = JsonDocument.Parse(supabase.Server.RequestsTo("/database/query").Single().Body).RootElement;
        Assert.Equal("select 1 as ok", body.GetProperty("query").GetString());
    }

    [Fact]
    public async Task Should_fail_for_good_when_the_query_returns_no_rows()
    {
        await using var supabase = await SupabaseFake.StartAsync();
        await using var rig = supabase.Rig();
        supabase.QueryResult = "[]";

        var run = await rig.Run("supabase.sql.smoke", ("sql", "select * from orders where false"));

        Assert.False(run.Failed.Retryable);
        Assert.Contains("returned no rows", run.Failed.Message);
        Assert.Equal("0", run.Outputs["rowCount"]);
    }
}

public sealed class When_the_supabase_api_misbehaves : VendorFaultSpecs
{
    private protected override async Task<VendorFake> StartFake() => await SupabaseFake.StartAsync();

    private protected override (string Action, (string Name, object Value)[] Inputs) Probe => ("supabase.sql.smoke", []);

    private protected override string ProbePath => "/database/query";
}
