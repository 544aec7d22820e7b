using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Actions;
using OpsBus.LaneWorker.Actions.SpecKit;
using OpsBus.LaneWorker.Adapters;
using OpsBus.LaneWorker.Execution;
using OpsBus.Testing.Logging;

namespace OpsBus.LaneWorker.Tests.Adapters;

/// <summary>
/// The vendor actions as <c>AddVendorAdapters</c> registers them (and the Spec Kit actions, which use GitHub's clients), pointed at a fake vendor, with tiny retry delays and
/// poll intervals; runs one step at a time with a real <see cref="StepContext"/> and <see cref="RunLog"/>, recording
/// what the step attaches.
/// </summary>
internal sealed class AdapterRig : IAsyncDisposable
{
    public const int MaxRetries = 3;

    private readonly ServiceProvider _services;

    private AdapterRig(ServiceProvider services, CapturedLogs logs)
    {
        _services = services;
        Logs = logs;
    }

    /// <summary>What the worker's own loggers wrote (not the run's log).</summary>
    public CapturedLogs Logs { get; }

    /// <summary>A rig for <paramref name="vendor"/> at <paramref name="vendorApi"/>; a null <paramref name="token"/> leaves it unconfigured.</summary>
    public static AdapterRig For(string vendor, Uri vendorApi, string? token, IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LaneWorker:Http:RetryBaseDelay"] = "00:00:00.010",
            ["LaneWorker:Http:MaxRetryDelay"] = "00:00:05",
            ["LaneWorker:Http:MaxRetries"] = MaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LaneWorker:Http:AttemptTimeout"] = "00:00:20",
            ["LaneWorker:Http:TotalTimeout"] = "00:00:30",
            [$"LaneWorker:{vendor}:BaseUrl"] = vendorApi.ToString(),
            [$"LaneWorker:{vendor}:Token"] = token,
            [$"LaneWorker:{vendor}:PollInterval"] = "00:00:00.010",
            [$"LaneWorker:{vendor}:WaitTimeout"] = "00:00:05",
        }).AddInMemoryCollection(settings).Build();

        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddOptions<LaneWorkerOptions>().Bind(configuration.GetSection(LaneWorkerOptions.SectionName));
        services.AddVendorAdapters(configuration);
        services.AddSpecKitActions();
        return new AdapterRig(services.BuildServiceProvider(validateScopes: true), logs);
    }

    public Task<StepRun> Run(string action, params (string Name, object Value)[] inputs) => Run(action, CancellationToken.None, inputs);

    /// <summary>Runs one step of <paramref name="action"/>; a <see cref="StepFailedException"/> is returned, anything else thrown.</summary>
    public async Task<StepRun> Run(string action, CancellationToken cancellationToken, params (string Name, object Value)[] inputs)
    {
        var registered = _services.GetServices<IRunAction>().Single(a => a.Name == action);
        var step = new PlanStep("step", action, RunPhases.Action, action, inputs.ToDictionary(i => i.Name, i => JsonSerializer.SerializeToElement(i.Value)));
        var (endpoint, recorder) = RecordingPublishEndpoint.Create();
        var log = new RunLog(Guid.NewGuid(), 1, endpoint, TimeSpan.FromMilliseconds(10), 1000, NullLogger.Instance);
        var artifacts = new RecordedArtifacts();
        var context = new StepContext(Guid.NewGuid(), 1, step, log, artifacts, publish: endpoint);
        StepFailedException? failure = null;
        try
        {
            await registered.ExecuteAsync(context, cancellationToken);
        }
        catch (StepFailedException e)
        {
            failure = e;
        }
        finally
        {
            await log.DisposeAsync();
        }

        return new StepRun(context.Outputs.ToDictionary(), recorder.Lines, failure, artifacts.Attached, recorder.Published);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>What one step did: its outputs, its log lines, its failure if it failed, the artifacts it attached and the messages it published.</summary>
internal sealed record StepRun(
    IReadOnlyDictionary<string, string> Outputs, IReadOnlyList<RunLogLine> Lines, StepFailedException? Failure, IReadOnlyList<RecordedArtifact> Artifacts,
    IReadOnlyList<object> Published)
{
    public StepFailedException Failed => Failure ?? throw new Xunit.Sdk.XunitException("The step succeeded, but should have failed.");

    public StepRun Succeeded() => Failure is null ? this : throw new Xunit.Sdk.XunitException($"The step failed: {Failure.Message}");

    /// <summary>Everything the step made visible: outputs, log lines and the error.</summary>
    public string Visible => string.Join('\n', Outputs.Select(o => $"{o.Key}={o.Value}").Concat(Lines.Select(l => l.Message)).Append(Failure?.Message ?? ""));
}
