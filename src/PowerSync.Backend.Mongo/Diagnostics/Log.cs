using Microsoft.Extensions.Logging;

namespace PowerSync.Backend.Mongo.Diagnostics;

/// <summary>The MongoDB provider's log messages (event ids 4000–4999). Row values are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Debug, "Write conflict ({Code}) in the transaction of client {ClientId}; re-running it (attempt {Attempt})")]
    public static partial void WriteConflictRerun(ILogger logger, int code, string? clientId, int attempt);

    [LoggerMessage(4002, LogLevel.Warning, "Aborting a MongoDB transaction failed; its session is discarded")]
    public static partial void AbortFailed(ILogger logger, Exception exception);

    [LoggerMessage(4003, LogLevel.Debug, "The ledger of client {ClientId} moved while its transaction ran; re-checking it")]
    public static partial void LedgerMoved(ILogger logger, string? clientId);
}
