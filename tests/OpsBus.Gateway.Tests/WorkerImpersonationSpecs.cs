using System.Globalization;
using System.Net;
using OpsBus.Gateway.Tests.Infrastructure;
using OpsBus.ServiceDefaults.Security;
using OpsBus.Testing;

namespace OpsBus.Gateway.Tests;

/// <summary>Workers may add artifacts to every run; no API key may pass for one.</summary>
public sealed class When_a_user_key_claims_to_be_a_worker
{
    [Fact]
    public async Task Should_refuse_to_create_a_key_with_the_worker_role()
    {
        await using var gateway = await GatewayApp.StartAsync();

        using var response = await gateway.Client.Send(HttpMethod.Post, "/api/keys", EdgeFactory.AdminKey, new { name = "lane-a", role = "worker" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task Should_not_add_an_artifact_to_another_owners_run_even_with_forged_worker_headers()
    {
        await using var host = new EdgeFactory(new Dictionary<string, string?>());
        using var client = host.CreateClient();
        var alice = await client.CreateKey(EdgeFactory.AdminKey, "alice", "operator");
        var bob = await client.CreateKey(EdgeFactory.AdminKey, "bob", "operator");
        using var accepted = await client.Send(HttpMethod.Post, "/api/runs", alice, Plans.Hello);
        var artifacts = $"{accepted.Headers.Location}/artifacts";
        await Eventually.True(async () =>
        {
            using var response = await client.Send(HttpMethod.Get, artifacts, alice);
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30), "the artifacts service to know alice's run", TimeSpan.FromMilliseconds(100));

        using var forged = ApiClient.Request(HttpMethod.Post, $"{artifacts}?name=planted.txt&kind=file", bob);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        forged.Headers.Add(InternalCaller.NameHeader, "worker:lane-a");
        forged.Headers.Add(InternalCaller.RolesHeader, "worker");
        forged.Headers.Add(InternalCaller.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        forged.Headers.Add(InternalCaller.SignatureHeader, InternalCaller.Sign("a-guessed-internal-secret", "worker:lane-a", "worker", timestamp));
        forged.Content = new ByteArrayContent("planted"u8.ToArray());
        using var upload = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        using var listed = await client.Send(HttpMethod.Get, artifacts, alice);
        Assert.Equal(0, (await listed.Json()).GetArrayLength());
    }
}
