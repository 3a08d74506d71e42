using System.Diagnostics;
using System.Diagnostics.Metrics;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;

namespace PowerSync.Backend.Core.Diagnostics;

/// <summary>
/// The library's one <see cref="System.Diagnostics.ActivitySource"/> and one <see cref="Meter"/>, both named
/// <c>PowerSync.Backend</c>. Owned by the container, not static, so tests and hosts get their own.
/// </summary>
internal sealed class PowerSyncInstrumentation : IDisposable
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "PowerSync.Backend";

    private readonly Meter _meter;
    private readonly Histogram<double> _uploadDuration;
    private readonly Counter<long> _entries;
    private readonly Counter<long> _transactions;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _rejections;

    public PowerSyncInstrumentation(IMeterFactory meterFactory)
    {
        var version = typeof(PowerSyncInstrumentation).Assembly.GetName().Version?.ToString();
        ActivitySource = new ActivitySource(Name, version);
        _meter = meterFactory.Create(Name, version);
        _uploadDuration = _meter.CreateHistogram<double>("powersync.backend.upload.duration", "s", "Time to process one upload request.");
        _entries = _meter.CreateCounter<long>("powersync.backend.entries", "{entry}", "Entries processed, by operation and outcome.");
        _transactions = _meter.CreateCounter<long>("powersync.backend.transactions", "{transaction}", "Client transactions processed, by outcome.");
        _retries = _meter.CreateCounter<long>("powersync.backend.retries", "{retry}", "Attempts repeated after a transient failure.");
        _conflicts = _meter.CreateCounter<long>("powersync.backend.conflicts", "{conflict}", "Entries a conflict hook skipped or rejected.");
        _rejections = _meter.CreateCounter<long>("powersync.backend.rejections", "{transaction}", "Transactions refused permanently, by error code.");
    }

    public ActivitySource ActivitySource { get; }

    public static string OutcomeName(TransactionResult result) => result.Status switch
    {
        TransactionStatus.Success => result.IsDuplicate ? "duplicate" : "success",
        TransactionStatus.RetryableError => "retryable_error",
        TransactionStatus.FatalError => "fatal_error",
        _ => "not_attempted",
    };

    public void RecordUpload(CrudUpload upload, UploadResult result, TimeSpan elapsed)
    {
        _uploadDuration.Record(elapsed.TotalSeconds);
        for (var i = 0; i < result.Results.Count; i++)
        {
            var outcome = OutcomeName(result.Results[i]);
            _transactions.Add(1, new KeyValuePair<string, object?>("powersync.outcome", outcome));
            foreach (var group in upload.Transactions[i].Entries.GroupBy(e => e.Operation))
            {
                _entries.Add(
                    group.Count(),
                    new KeyValuePair<string, object?>("powersync.operation", OperationName(group.Key)),
                    new KeyValuePair<string, object?>("powersync.outcome", outcome));
            }
        }
    }

    public void RecordRetry(string errorType) => _retries.Add(1, new KeyValuePair<string, object?>("error.type", errorType));

    public void RecordConflict(ConflictAction action, string table) =>
        _conflicts.Add(
            1,
            new KeyValuePair<string, object?>("powersync.conflict.action", action == ConflictAction.Skip ? "skip" : "reject"),
            new KeyValuePair<string, object?>("db.collection.name", table));

    public void RecordRejection(string errorCode) => _rejections.Add(1, new KeyValuePair<string, object?>("error.type", errorCode));

    public void Dispose()
    {
        ActivitySource.Dispose();
        _meter.Dispose();
    }

    private static string OperationName(CrudOperation operation) => operation switch
    {
        CrudOperation.Put => "PUT",
        CrudOperation.Patch => "PATCH",
        _ => "DELETE",
    };
}
