using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace OpsBus.Hostile.Tests;

public sealed class When_hostile_clients_use_the_runs_hub
{
    [Fact]
    public async Task Should_refuse_them_and_keep_serving_the_others()
    {
        await using var edge = HostileEdge.Start();
        var world = await HostileWorld.CreateAsync(edge);
        await using var alice = await Connect(edge, world.Alice);
        await using var bob = await Connect(edge, world.Bob);

        await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync("SubscribeRun", world.AliceRun));
        await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync("SubscribeRun", Guid.NewGuid()));
        await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync("SubscribeRun", "../../etc/passwd"));
        await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync("SubscribeRun", 42, "extra"));
        await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync("SubscribeSession", new string('s', 201)));
        await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync("SubscribeSession", "   "));
        await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync("NoSuchMethod", "' OR 1=1 --"));
        await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync("OnDisconnectedAsync", (object?)null));

        await alice.InvokeAsync("SubscribeRun", world.AliceRun);
        Assert.Equal(HubConnectionState.Connected, bob.State);
        Assert.Equal(HubConnectionState.Connected, alice.State);
    }

    [Fact]
    public async Task Should_refuse_a_connection_without_a_valid_key()
    {
        await using var edge = HostileEdge.Start();
        await using var anonymous = new HubConnectionBuilder().WithUrl(new Uri(edge.Address, "hubs/runs")).Build();
        await using var forged = new HubConnectionBuilder()
            .WithUrl(new Uri(edge.Address, "hubs/runs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>("opsbus_forged_0123456789abcdefghijklmnopqrstuv"))
            .Build();

        Assert.Contains("401", (await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync())).Message);
        Assert.Contains("401", (await Assert.ThrowsAsync<HttpRequestException>(() => forged.StartAsync())).Message);
    }

    private static async Task<HubConnection> Connect(HostileEdge edge, string key)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(edge.Address, "hubs/runs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(key))
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
