using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using OpsBus.Artifacts;
using OpsBus.Contracts;
using OpsBus.LaneWorker;
using OpsBus.Notifier.Notifications;
using OpsBus.Orchestrator;
using OpsBus.ServiceDefaults;

namespace OpsBus.Hostile.Tests.Bus;

[Trait("Category", "Integration")]
public sealed class When_hostile_messages_reach_the_orchestrator_saga_queue
{
    [Fact]
    public async Task Should_set_them_aside_with_a_reason_and_keep_consuming()
    {
        await using var scenario = await HostileBusScenario.StartAsync(b => b.AddOrchestrator(), new Dictionary<string, string?>
        {
            ["Orchestrator:Database"] = "Sqlite",
            ["Orchestrator:ConnectionString"] = "Data Source={folder}/orchestrator.db",
        });

        await scenario.ProveHostileMessagesAreSetAside("orchestrator-runs", "OpsBus.Contracts:RunRequested",
            """{"runId":"not-a-guid","plan":{"steps":"none"},"lane":42}""",
            new RunRequested(NewId.NextGuid(), ValidMessages.Plan, RequestedBy: "hostile-bus", RequestedAt: DateTime.UtcNow));
    }
}

[Trait("Category", "Integration")]
public sealed class When_hostile_messages_reach_a_lane_queue
{
    [Fact]
    public async Task Should_set_them_aside_with_a_reason_and_keep_consuming()
    {
        await using var scenario = await HostileBusScenario.StartAsync(b =>
        {
            b.AddLaneWorker();
            b.Services.Messaging().Register(x => x.AddConsumer<RejectEveryClaim>());
        }, new Dictionary<string, string?> { ["LaneWorker:WorkerId"] = "hostile-bus-worker" });

        await scenario.ProveHostileMessagesAreSetAside("lane-a", "OpsBus.Contracts:ExecuteRun",
            """{"runId":"not-a-guid","attempt":"first","plan":null,"lane":"A"}""",
            new ExecuteRun(NewId.NextGuid(), 1, ValidMessages.Plan, "A", null, 5));
    }

    /// <summary>Stands in for the orchestrator: the worker's claim is answered, so a valid message is finished with.</summary>
    private sealed class RejectEveryClaim : IConsumer<ClaimRun>
    {
        public Task Consume(ConsumeContext<ClaimRun> context) =>
            context.RespondAsync(new RunClaimRejected(context.Message.RunId, context.Message.Attempt, context.Message.WorkerId, "hostile bus spec"));
    }
}

[Trait("Category", "Integration")]
public sealed class When_hostile_messages_reach_the_notifier_queue
{
    [Fact]
    public async Task Should_set_them_aside_with_a_reason_and_keep_consuming()
    {
        await using var scenario = await HostileBusScenario.StartAsync(b => b.AddNotifications(), new Dictionary<string, string?>
        {
            ["Notifier:Notifications:Database"] = "Sqlite",
            ["Notifier:Notifications:ConnectionString"] = "Data Source={folder}/notifier.db",
        });

        await scenario.ProveHostileMessagesAreSetAside(RunNotificationsConsumerDefinition.QueueName, "OpsBus.Contracts:RunStatusChanged",
            """{"runId":"not-a-guid","status":{"nested":true},"attempt":"one"}""",
            ValidMessages.StatusChanged());
    }
}

[Trait("Category", "Integration")]
public sealed class When_hostile_messages_reach_the_artifacts_queue
{
    [Fact]
    public async Task Should_set_them_aside_with_a_reason_and_keep_consuming()
    {
        await using var scenario = await HostileBusScenario.StartAsync(b => b.AddArtifacts(), new Dictionary<string, string?>
        {
            ["Artifacts:Database"] = "Sqlite",
            ["Artifacts:ConnectionString"] = "Data Source={folder}/artifacts.db",
            ["Artifacts:DiskPath"] = "{folder}/content",
        });

        await scenario.ProveHostileMessagesAreSetAside("run-owner", "OpsBus.Contracts:RunRequested",
            """{"runId":"not-a-guid","requestedBy":["alice"],"requestedAt":"yesterday"}""",
            new RunRequested(NewId.NextGuid(), ValidMessages.Plan, RequestedBy: "alice", RequestedAt: DateTime.UtcNow));
    }
}

internal static class ValidMessages
{
    public static readonly RunPlan Plan = new([
        new PlanStep("greet", "Greet", RunPhases.Action, "echo", new Dictionary<string, JsonElement> { ["message"] = JsonSerializer.SerializeToElement("hello") }),
    ]);

    public static RunStatusChanged StatusChanged() =>
        new(NewId.NextGuid(), "succeeded", "running", 1, 3, "A", null, null, "staging", 0, "worker-1", "alice",
            DateTime.UtcNow.AddSeconds(-2), DateTime.UtcNow.AddSeconds(-1), DateTime.UtcNow.AddSeconds(-1), null, DateTime.UtcNow, null, DateTime.UtcNow);
}
