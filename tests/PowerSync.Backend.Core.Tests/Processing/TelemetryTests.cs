using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Processing;
using static PowerSync.Backend.Core.Tests.Processing.Crud;

namespace PowerSync.Backend.Core.Tests.Processing;

/// <summary>
/// Metrics are told apart by the meter's scope (each test container has its own <see cref="IMeterFactory"/>),
/// activities by the trace of a parent activity each test starts; the collection only keeps listeners from piling up.
/// </summary>
[Collection(TelemetryTestGroup.Name)]
public sealed class TelemetryTests
{
    private const string Name = "PowerSync.Backend";

    [Fact]
    public async Task Counters_and_the_duration_histogram_record_entries_retries_rejections_and_conflicts()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Configure(o => o.OnFatalError = FatalErrorPolicy.Skip).Table(Todos, t => t.UseVersionColumn("version")),
            s => s.Seed(Todos, "v", Data(("version", 5))).FailTransiently(times: 1));
        using var metrics = new MetricRecorder(pipeline.Services.GetRequiredService<IMeterFactory>());

        await pipeline.ProcessAsync(Upload(
            Tx(1, Put("a"), Patch("a", ("title", "x"))),
            Tx(2, Patch("v", ("version", 1))),
            Tx(3, Delete("a"))));

        Assert.Equal(1, metrics.Sum("powersync.backend.entries", ("powersync.operation", "PUT"), ("powersync.outcome", "success")));
        Assert.Equal(1, metrics.Sum("powersync.backend.entries", ("powersync.operation", "PATCH"), ("powersync.outcome", "success")));
        Assert.Equal(1, metrics.Sum("powersync.backend.entries", ("powersync.operation", "PATCH"), ("powersync.outcome", "fatal_error")));
        Assert.Equal(1, metrics.Sum("powersync.backend.entries", ("powersync.operation", "DELETE"), ("powersync.outcome", "success")));
        Assert.Equal(4, metrics.Sum("powersync.backend.entries"));
        Assert.Equal(2, metrics.Sum("powersync.backend.transactions", ("powersync.outcome", "success")));
        Assert.Equal(1, metrics.Sum("powersync.backend.retries", ("error.type", "scripted")));
        Assert.Equal(1, metrics.Sum("powersync.backend.rejections", ("error.type", ErrorCodes.Conflict)));
        Assert.Equal(1, metrics.Sum("powersync.backend.conflicts", ("powersync.conflict.action", "reject"), ("db.collection.name", Todos)));
        var duration = Assert.Single(metrics.Values("powersync.backend.upload.duration"));
        // The fake clock only moved by the retry's back-off, so the duration is exactly that.
        Assert.Equal(Assert.Single(pipeline.Clock.Delays).TotalSeconds, duration, 9);
    }

    [Fact]
    public async Task Duplicates_not_attempted_and_skipped_conflicts_are_counted_by_outcome()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.UseVersionColumn("version", ConflictAction.Skip)),
            s => s.Seed(Todos, "v", Data(("version", 5))).Reject(ErrorCodes.UniqueViolation, atEntry: 0));
        using var metrics = new MetricRecorder(pipeline.Services.GetRequiredService<IMeterFactory>());
        var first = Tx(1, Put("a"));

        await pipeline.ProcessAsync(Upload(first, Tx(2, Put("b"))));
        await pipeline.ProcessAsync(Upload(first, Tx(2, Put("b")), Tx(3, Patch("v", ("version", 1)))));

        Assert.Equal(1, metrics.Sum("powersync.backend.entries", ("powersync.outcome", "fatal_error")));
        Assert.Equal(1, metrics.Sum("powersync.backend.entries", ("powersync.outcome", "not_attempted")));
        Assert.Equal(1, metrics.Sum("powersync.backend.entries", ("powersync.outcome", "duplicate")));
        Assert.Equal(2, metrics.Sum("powersync.backend.entries", ("powersync.outcome", "success")));
        Assert.Equal(1, metrics.Sum("powersync.backend.rejections", ("error.type", ErrorCodes.UniqueViolation)));
        Assert.Equal(1, metrics.Sum("powersync.backend.conflicts", ("powersync.conflict.action", "skip")));
        Assert.Equal(0, metrics.Sum("powersync.backend.retries"));
        Assert.Equal(2, metrics.Values("powersync.backend.upload.duration").Count);
    }

    [Fact]
    public async Task Each_upload_and_transaction_produces_an_activity()
    {
        using var testSource = new ActivitySource("PowerSync.Backend.Core.Tests.Telemetry");
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Name || ReferenceEquals(source, testSource),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var pipeline = PipelineFixture.Create(store: s => s.Reject(ErrorCodes.CheckViolation, atEntry: 1));

        ActivityTraceId trace;
        using (var parent = testSource.StartActivity("test"))
        {
            trace = parent!.TraceId;
            await pipeline.ProcessAsync(Upload(Tx(1, Put("a")), Tx(2, Put("b"), Put("c")), Tx(3, Put("d"))));
        }

        var ours = stopped.Where(a => a.TraceId == trace && a.Source.Name == Name).ToList();
        var upload = Assert.Single(ours, a => a.OperationName == "powersync.upload");
        Assert.Equal(3, upload.GetTagItem("powersync.transactions"));
        Assert.Equal(ActivityStatusCode.Error, upload.Status);
        var transactions = ours.Where(a => a.OperationName == "powersync.transaction").ToList();
        // The third transaction was not attempted: no activity.
        Assert.Equal([1L, 2L], transactions.Select(a => (long)a.GetTagItem("powersync.transaction.id")!).Order());
        Assert.All(transactions, a => Assert.Equal(upload.SpanId, a.ParentSpanId));
        Assert.Equal(ErrorCodes.CheckViolation, transactions.Single(a => (long)a.GetTagItem("powersync.transaction.id")! == 2).GetTagItem("error.type"));
        Assert.Equal(2, transactions.Single(a => (long)a.GetTagItem("powersync.transaction.id")! == 2).GetTagItem("powersync.entries"));
    }

    /// <summary>Collects the measurements of one container's PowerSync.Backend meter.</summary>
    private sealed class MetricRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

        public MetricRecorder(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == Name && ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.Start();
        }

        public double Sum(string instrument, params (string Key, string Value)[] tags) =>
            _measurements
                .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.Any(k => k.Key == t.Key && Equals(k.Value, t.Value))))
                .Sum(m => m.Value);

        public IReadOnlyList<double> Values(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument).Select(m => m.Value)];

        public void Dispose() => _listener.Dispose();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryTestGroup
{
    public const string Name = "Telemetry";
}
