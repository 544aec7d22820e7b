using System.Net;
using OpsBus.Gateway.Tests.Infrastructure;
using OpsBus.Testing;

namespace OpsBus.Gateway.Tests;

[Trait("Category", "Integration")]
public sealed class When_the_gateway_keeps_its_keys_in_postgres
{
    [Fact]
    public async Task Should_migrate_bootstrap_create_and_revoke_keys()
    {
        await using var database = await TestPostgres.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Database"] = "Postgres",
            ["Gateway:ConnectionString"] = database.ConnectionString,
        };
        await using var gateway = await GatewayApp.StartAsync(settings);

        using var created = await gateway.Client.Send(HttpMethod.Post, "/api/keys", EdgeFactory.AdminKey, new { name = "alice", role = "operator" });
        var alice = await created.Json();
        using var listed = await gateway.Client.Send(HttpMethod.Get, "/api/keys", EdgeFactory.AdminKey);
        using var revoked = await gateway.Client.Send(HttpMethod.Delete, $"/api/keys/{alice.GetProperty("id").GetString()}", EdgeFactory.AdminKey);
        using var afterRevoke = await gateway.Client.Send(HttpMethod.Get, "/api/keys", alice.GetProperty("key").GetString());
        using var ready = await gateway.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(2, (await listed.Json()).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
