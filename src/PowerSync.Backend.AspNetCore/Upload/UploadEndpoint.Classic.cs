using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Wire;

namespace PowerSync.Backend.AspNetCore.Upload;

/// <summary>Classic uploads without a client id: refusals cannot stop the batch.</summary>
internal sealed partial class UploadEndpoint
{
    /// <summary>
    /// Whether the upload must go on past refused transactions whatever the configured policy says: a classic
    /// upload without a client id. Stopping would leave later transactions <c>not_attempted</c>, so the request fails and
    /// the client re-sends the whole batch; without a ledger the refused transaction is refused (and dead-lettered)
    /// again, and the client's queue never moves.
    /// </summary>
    private static bool MustNotStopAtRefusals(RequestShape shape, CrudUpload upload) =>
        shape != RequestShape.Transactions && upload.ClientId is null && upload.Transactions.Count > 1;
}
