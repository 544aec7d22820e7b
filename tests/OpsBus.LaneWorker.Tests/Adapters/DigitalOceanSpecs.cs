using static OpsBus.LaneWorker.Tests.Adapters.DigitalOceanFake;

namespace OpsBus.LaneWorker.Tests.Adapters;

public sealed class When_a_plan_checks_a_droplet
{
    [Fact]
    public async Task Should_report_an_active_droplet_with_its_public_address()
    {
        await using var digitalOcean = await DigitalOceanFake.StartAsync();
        await using var rig = digitalOcean.Rig();

        var run = (await rig.Run("digitalocean.droplet.health", ("dropletId", WebId))).Succeeded();

        Assert.Equal("active", run.Outputs["status"]);
        Assert.Equal("203.0.113.10", run.Outputs["ip"]);
        Assert.Equal("3164444", run.Outputs["id"]);
    }

    [Fact]
    public async Task Should_find_a_droplet_by_name()
    {
        await using var digitalOcean = await DigitalOceanFake.StartAsync();
        await using var rig = digitalOcean.Rig();

        var run = (await rig.Run("digitalocean.droplet.health", ("name", "web-1"))).Succeeded();

        Assert.Equal("3164444", run.Outputs["id"]);
        Assert.Contains("name=web-1", digitalOcean.Server.RequestsTo("/v2/droplets").Single().Query);
    }

    [Fact]
    public async Task Should_fail_for_good_when_the_droplet_is_off()
    {
        await using var digitalOcean = await DigitalOceanFake.StartAsync();
        await using var rig = digitalOcean.Rig();

        var run = await rig.Run("digitalocean.droplet.health", ("dropletId", StoppedId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.False(run.Failed.Retryable);
        Assert.Contains("is off, not active", run.Failed.Message);
        Assert.Equal("off", run.Outputs["status"]);
    }

    [Fact]
    public async Task Should_fail_for_good_when_no_droplet_has_the_name()
    {
        await using var digitalOcean = await DigitalOceanFake.StartAsync();
        await using var rig = digitalOcean.Rig();

        var failure = (await rig.Run("digitalocean.droplet.health", ("name", "ghost"))).Failed;

        Assert.False(failure.Retryable);
        Assert.Contains("no droplet is called 'ghost'", failure.Message);
    }

    [Fact]
    public async Task Should_fail_for_good_with_the_vendor_message_when_the_droplet_does_not_exist()
    {
        await using var digitalOcean = await DigitalOceanFake.StartAsync();
        await using var rig = digitalOcean.Rig();

        var failure = (await rig.Run("digitalocean.droplet.health", ("dropletId", 1))).Failed;

        Assert.False(failure.Retryable);
        Assert.Equal("DigitalOcean GET /v2/droplets/1 failed: HTTP 404 (The resource you were accessing could not be found.)", failure.Message);
    }
}

public sealed class When_a_plan_checks_an_app_platform_app
{
    [Fact]
    public async Task Should_report_the_phase_of_the_deployment_in_progress()
    {
        await using var digitalOcean = await DigitalOceanFake.StartAsync();
        await using var rig = digitalOcean.Rig();

        var run = (await rig.Run("digitalocean.app.status", ("appId", AppId))).Succeeded();

        Assert.Equal("BUILDING", run.Outputs["phase"]);
        Assert.Equal("dep-next", run.Outputs["deploymentId"]);
        Assert.Equal("https://shop-api.ondigitalocean.app", run.Outputs["url"]);
    }

    [Fact]
    public async Task Should_fail_for_good_when_the_deployment_failed()
    {
        await using var digitalOcean = await DigitalOceanFake.StartAsync();
        await using var rig = digitalOcean.Rig();

        var run = await rig.Run("digitalocean.app.status", ("appId", BrokenAppId));

        Assert.False(run.Failed.Retryable);
        Assert.Contains("deployment dep-bad of app shop-admin is ERROR", run.Failed.Message);
        Assert.Equal("ERROR", run.Outputs["phase"]);
    }
}

public sealed class When_the_digitalocean_api_misbehaves : VendorFaultSpecs
{
    private protected override async Task<VendorFake> StartFake() => await DigitalOceanFake.StartAsync();

    private protected override (string Action, (string Name, object Value)[] Inputs) Probe => ("digitalocean.droplet.health", [("dropletId", WebId)]);

    private protected override string ProbePath => "/v2/droplets/";
}
