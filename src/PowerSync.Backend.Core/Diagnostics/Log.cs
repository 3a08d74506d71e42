using Microsoft.Extensions.Logging;

namespace PowerSync.Backend.Core.Diagnostics;

/// <summary>Core's log messages (event ids 1000–1999). Row values are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Debug, "Processed upload of {TransactionCount} transaction(s) for client {ClientId} in {ElapsedMilliseconds:F1} ms")]
    public static partial void UploadProcessed(ILogger logger, int transactionCount, string? clientId, double elapsedMilliseconds);

    [LoggerMessage(1002, LogLevel.Information, "Transaction {TransactionId} of client {ClientId} was applied before; skipped")]
    public static partial void DuplicateSkipped(ILogger logger, long? transactionId, string? clientId);

    [LoggerMessage(1003, LogLevel.Warning, "Transaction {TransactionId} of client {ClientId} rejected at entry {OperationIndex} with {ErrorCode}: {Reason}")]
    public static partial void TransactionRejected(ILogger logger, long? transactionId, string? clientId, int? operationIndex, string errorCode, string? reason);

    [LoggerMessage(1004, LogLevel.Warning, "Transient failure ({ErrorType}) applying transaction {TransactionId}; attempt {Attempt} will be retried in {DelayMilliseconds:F0} ms")]
    public static partial void Retrying(ILogger logger, Exception exception, string errorType, long? transactionId, int attempt, double delayMilliseconds);

    [LoggerMessage(1005, LogLevel.Warning, "Transient failure ({ErrorType}) applying transaction {TransactionId} persisted; the client will re-send it")]
    public static partial void RetriesExhausted(ILogger logger, Exception exception, string errorType, long? transactionId);

    [LoggerMessage(1006, LogLevel.Error, "Unclassified failure applying transaction {TransactionId} of client {ClientId}; it is rejected and dead-lettered")]
    public static partial void UnclassifiedFailure(ILogger logger, Exception exception, long? transactionId, string? clientId);

    [LoggerMessage(1007, LogLevel.Warning, "Database refused transaction {TransactionId} with {ErrorCode}")]
    public static partial void DatabaseRefused(ILogger logger, Exception exception, long? transactionId, string errorCode);

    [LoggerMessage(1008, LogLevel.Warning, "Transient failure ({ErrorType}) reading the ledger of client {ClientId}; the client will re-send")]
    public static partial void LedgerUnavailable(ILogger logger, Exception exception, string errorType, string? clientId);
}
