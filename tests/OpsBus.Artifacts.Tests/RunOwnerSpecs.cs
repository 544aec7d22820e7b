using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.Contracts;
using OpsBus.Testing;

namespace OpsBus.Artifacts.Tests;

[Trait("Category", "Integration")]
public sealed class When_run_requests_arrive_together
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Should_record_each_owner_once_keep_the_first_and_not_let_one_bad_request_hold_up_the_others(string database)
    {
        await using var postgres = database == "Postgres" ? await TestPostgres.CreateAsync() : null;
        await using var host = await ArtifactsHost.StartAsync(postgres is null ? null : new Dictionary<string, string?>
        {
            ["Artifacts:Database"] = "Postgres",
            ["Artifacts:ConnectionString"] = postgres.ConnectionString,
        });
        var (first, overlong, nobody, last) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var now = DateTime.UtcNow;

        await host.Services.GetRequiredService<IBus>().PublishBatch(new[]
        {
            new RunRequested(first, null, RequestedBy: "alice", RequestedAt: now),
            new RunRequested(first, null, RequestedBy: "mallory", RequestedAt: now),
            new RunRequested(overlong, null, RequestedBy: new string('x', 300), RequestedAt: now),
            new RunRequested(nobody, null, RequestedAt: now),
            new RunRequested(last, null, RequestedBy: "carol", RequestedAt: now),
        });
        await Eventually.True(() => host.Query(db => db.Runs.AnyAsync(r => r.RunId == last)), TimeSpan.FromSeconds(10), "the last run's owner recorded");
        await host.Services.GetRequiredService<IBus>().Publish(new RunRequested(first, null, RequestedBy: "mallory", RequestedAt: now));
        var later = Guid.NewGuid();
        await host.Services.GetRequiredService<IBus>().Publish(new RunRequested(later, null, RequestedBy: "dave", RequestedAt: now));
        await Eventually.True(() => host.Query(db => db.Runs.AnyAsync(r => r.RunId == later)), TimeSpan.FromSeconds(10), "a later run's owner recorded");

        var owners = await host.Query(db => db.Runs.AsNoTracking().ToDictionaryAsync(r => r.RunId, r => r.Owner));
        Assert.Equal(new Dictionary<Guid, string> { [first] = "alice", [last] = "carol", [later] = "dave" }, owners);
    }
}
