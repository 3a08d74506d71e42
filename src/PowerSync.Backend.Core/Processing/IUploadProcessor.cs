using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;

namespace PowerSync.Backend.Core.Processing;

/// <summary>
/// Runs an upload through the pipeline: for each transaction in order, the ledger check, authorization,
/// mapping and validation hooks, then the applier (with conflict hooks and the ledger update inside its
/// database transaction), retrying transient failures and dead-lettering refusals.
/// </summary>
public interface IUploadProcessor
{
    /// <summary>Processes an upload.</summary>
    /// <param name="upload">The upload.</param>
    /// <param name="cancellationToken">Cancels processing; transactions already committed stay committed.</param>
    /// <returns>One result per transaction, in order.</returns>
    /// <remarks>
    /// Data problems never throw: they are results. Exceptions mean the request itself failed (a hook threw
    /// something unexpected, or a dead letter could not be written) and the client must re-send.
    /// </remarks>
    Task<UploadResult> ProcessAsync(CrudUpload upload, CancellationToken cancellationToken);
}
