using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsBus.Artifacts.Retention;
using OpsBus.Testing;

namespace OpsBus.Artifacts.Tests;

public sealed class When_artifacts_outlive_the_retention_period
{
    [Fact]
    public async Task Should_delete_them_with_their_content_and_report_the_count_and_bytes_freed()
    {
        await using var host = await ArtifactsHost.StartAsync(new Dictionary<string, string?> { ["Artifacts:RetentionPeriod"] = "30.00:00:00" });
        using var measured = new MeasuredCounters(host.Services.GetRequiredService<IMeterFactory>());
        var runId = await host.RunOf("alice");
        var alice = host.As("alice:operator");
        await Uploads.Stored(await Uploads.Raw(alice, runId, "old-1.bin", Uploads.Bytes(1000)));
        await Uploads.Stored(await Uploads.Raw(alice, runId, "old-2.bin", Uploads.Bytes(2500)));
        host.Clock.Advance(TimeSpan.FromDays(20));
        var young = await Uploads.Stored(await Uploads.Raw(alice, runId, "young.bin", Uploads.Bytes(700)));
        host.Clock.Advance(TimeSpan.FromDays(11));

        await using var scope = host.Services.CreateAsyncScope();
        var sweep = await scope.ServiceProvider.GetRequiredService<ArtifactRetention>().SweepAsync(CancellationToken.None);

        Assert.Equal(new RetentionSweep(2, 3500), sweep);
        Assert.Equal([young.Id], await host.Query(db => db.Artifacts.Select(a => a.Id).ToListAsync()));
        Assert.Single(host.ContentFiles());
        Assert.Equal((2, 3500), (measured.Total("opsbus.artifacts.retention.deleted"), measured.Total("opsbus.artifacts.retention.bytes_freed")));
    }

    [Fact]
    public async Task Should_expose_the_count_and_bytes_freed_to_prometheus()
    {
        // The exporter sees every OpsBus.Artifacts meter in the process; the exact counts of one sweep are asserted above.
        await using var host = await ArtifactsHost.StartAsync(new Dictionary<string, string?> { ["Artifacts:RetentionPeriod"] = "1.00:00:00" });
        var runId = await host.RunOf("alice");
        await Uploads.Stored(await Uploads.Raw(host.As("alice:operator"), runId, "old.bin", Uploads.Bytes(1234)));
        host.Clock.Advance(TimeSpan.FromDays(2));
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ArtifactRetention>().SweepAsync(CancellationToken.None);

        var scrape = await Eventually.Get(async () =>
        {
            var text = await host.As(null).GetStringAsync("/metrics");
            return text.Contains("opsbus_artifacts_retention_deleted", StringComparison.Ordinal) ? text : null;
        }, TimeSpan.FromSeconds(10), "the retention counters in the scrape");

        // At least this sweep's: a host of another class that happens to sweep meanwhile adds to the same process-wide counters.
        Assert.InRange(Sample(scrape, "opsbus_artifacts_retention_deleted"), 1, double.MaxValue);
        Assert.InRange(Sample(scrape, "opsbus_artifacts_retention_bytes_freed"), 1234, double.MaxValue);
    }

    [Fact]
    public async Task Should_sweep_on_its_own_every_interval()
    {
        await using var host = await ArtifactsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Artifacts:RetentionPeriod"] = "1.00:00:00",
            ["Artifacts:RetentionInterval"] = "00:00:00.100",
        });
        var runId = await host.RunOf("alice");
        await Uploads.Stored(await Uploads.Raw(host.As("alice:operator"), runId, "old.bin", Uploads.Bytes(10)));

        host.Clock.Advance(TimeSpan.FromDays(2));

        await Eventually.True(async () => await host.Query(db => db.Artifacts.CountAsync()) == 0, TimeSpan.FromSeconds(10), "the old artifact swept");
        Assert.Empty(host.ContentFiles());
    }

    /// <summary>The value of the one sample of <paramref name="metric"/> (any unit suffix) in a Prometheus text scrape.</summary>
    private static double Sample(string scrape, string metric)
    {
        var line = scrape.Split('\n').Single(l => l.StartsWith(metric, StringComparison.Ordinal) && !l.StartsWith(metric + "_created", StringComparison.Ordinal));
        return double.Parse(line.Split(' ')[^1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Sums what one host's <c>OpsBus.Artifacts</c> meter records while it lives: meters are told apart by the factory
    /// that made them, so hosts of other specs running at the same time do not count.
    /// </summary>
    private sealed class MeasuredCounters : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _totals = [];

        public MeasuredCounters(IMeterFactory hostMeters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ArtifactsMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, hostMeters))
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                lock (_totals)
                    _totals[instrument.Name] = _totals.GetValueOrDefault(instrument.Name) + value;
            });
            _listener.Start();
        }

        public long Total(string instrument)
        {
            lock (_totals)
                return _totals.GetValueOrDefault(instrument);
        }

        public void Dispose() => _listener.Dispose();
    }
}
