using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Core.Wire;

namespace PowerSync.Backend.Core.Processing;

/// <summary>Options of the upload pipeline. Validated at start-up.</summary>
public sealed class PowerSyncBackendOptions
{
    /// <summary>Request size limits.</summary>
    public UploadLimits Limits { get; } = new();

    /// <summary>Retrying transient failures.</summary>
    public RetryOptions Retry { get; } = new();

    /// <summary>What the rest of an upload does after a transaction is refused.</summary>
    /// <value><see cref="FatalErrorPolicy.Stop"/>, as in PowerSync's reference backend.</value>
    public FatalErrorPolicy OnFatalError { get; set; } = FatalErrorPolicy.Stop;

    /// <summary>
    /// Decides which refusals the client must handle itself (<c>requires_client_handling</c>): such a
    /// transaction is not dead-lettered, stays in the client's queue, and always stops the batch.
    /// </summary>
    /// <value><see langword="null"/>: every refusal is dead-lettered and completed by the client.</value>
    public Func<FailedOperation, bool>? RequiresClientHandling { get; set; }

    /// <summary>Per-table hooks and mappings, keyed by the client's table name.</summary>
    internal Dictionary<string, TableConfiguration> Tables { get; } = new(StringComparer.Ordinal);
}
