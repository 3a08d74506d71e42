using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Diagnostics;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;

namespace PowerSync.Backend.Core.Processing;

/// <summary>The pipeline; see <see cref="IUploadProcessor"/>. Scoped, so hooks may use scoped services.</summary>
internal sealed partial class UploadProcessor : IUploadProcessor
{
    private readonly ICrudApplier _applier;
    private readonly IIdempotencyLedger _ledger;
    private readonly IDeadLetterStore _deadLetters;
    private readonly IAuthorizationHook[] _authorizers;
    private readonly IMappingHook[] _mappers;
    private readonly IValidationHook[] _validators;
    private readonly IConflictHook[] _conflictHooks;
    private readonly PowerSyncBackendOptions _options;
    private readonly FailureClassifier _classifier;
    private readonly TransientRetry _retry;
    private readonly PowerSyncInstrumentation _instrumentation;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Dictionary<string, IReadOnlyList<IConflictHook>> _conflictHooksByTable = new(StringComparer.Ordinal);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Major Code Smell", "S107", Justification = "DI constructor.")]
    public UploadProcessor(
        ICrudApplier applier,
        IIdempotencyLedger ledger,
        IDeadLetterStore deadLetters,
        IEnumerable<IAuthorizationHook> authorizers,
        IEnumerable<IMappingHook> mappers,
        IEnumerable<IValidationHook> validators,
        IEnumerable<IConflictHook> conflictHooks,
        IOptions<PowerSyncBackendOptions> options,
        FailureClassifier classifier,
        TransientRetry retry,
        PowerSyncInstrumentation instrumentation,
        TimeProvider timeProvider,
        ILogger<UploadProcessor> logger)
    {
        _applier = applier;
        _ledger = ledger;
        _deadLetters = deadLetters;
        _authorizers = [.. authorizers];
        _mappers = [.. mappers];
        _validators = [.. validators];
        _conflictHooks = [.. conflictHooks];
        _options = options.Value;
        _classifier = classifier;
        _retry = retry;
        _instrumentation = instrumentation;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<UploadResult> ProcessAsync(CrudUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var started = _timeProvider.GetTimestamp();
        using var activity = _instrumentation.ActivitySource.StartActivity("powersync.upload");
        activity?.SetTag("powersync.transactions", upload.Transactions.Count);

        var results = new TransactionResult[upload.Transactions.Count];
        var position = await ReadLedgerAsync(upload, cancellationToken).ConfigureAwait(false);
        var stopped = position is null;
        if (position is null && results.Length > 0)
        {
            results[0] = TransactionResult.Retryable("the backend's ledger is unavailable; retry later", _options.Retry.RetryAfter);
        }

        for (var i = stopped ? 1 : 0; i < results.Length; i++)
        {
            if (stopped)
            {
                results[i] = TransactionResult.NotAttempted;
                continue;
            }

            var transaction = upload.Transactions[i];
            var pending = position!.Value.Pending(transaction);
            var result = pending is null
                ? Duplicate(upload, transaction)
                : await ProcessTransactionAsync(upload, i, transaction, pending, cancellationToken).ConfigureAwait(false);

            results[i] = result;
            if (result.Status == TransactionStatus.Success || (result.Status == TransactionStatus.FatalError && !result.RequiresClientHandling))
            {
                position = position.Value.Advance(transaction);
            }

            stopped = result.Status == TransactionStatus.RetryableError
                || (result.Status == TransactionStatus.FatalError && (result.RequiresClientHandling || (upload.OnFatalError ?? _options.OnFatalError) == FatalErrorPolicy.Stop));
        }

        var uploadResult = new UploadResult(results);
        var elapsed = _timeProvider.GetElapsedTime(started);
        _instrumentation.RecordUpload(upload, uploadResult, elapsed);
        Log.UploadProcessed(_logger, results.Length, upload.ClientId, elapsed.TotalMilliseconds);
        if (!uploadResult.AllSucceeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }

        return uploadResult;
    }

    private TransactionResult Duplicate(CrudUpload upload, CrudTransaction transaction)
    {
        Log.DuplicateSkipped(_logger, transaction.TransactionId, upload.ClientId);
        return TransactionResult.Duplicate;
    }

    /// <summary>Reads the client's position; <see langword="null"/> when the ledger stays unavailable after retries.</summary>
    private async ValueTask<LedgerPosition?> ReadLedgerAsync(CrudUpload upload, CancellationToken cancellationToken)
    {
        if (upload.ClientId is not { } clientId || upload.Transactions.Count == 0)
        {
            return LedgerPosition.None;
        }

        var key = new ClientKey(upload.UserId ?? string.Empty, clientId);
        try
        {
            return await _retry.ExecuteAsync(
                static (state, token) => state._ledger.GetPositionAsync(state.key, token),
                (_ledger, key),
                transactionId: null,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && _classifier.Classify(exception).Classification.IsTransient)
        {
            Log.LedgerUnavailable(_logger, exception, _classifier.Classify(exception).Classification.ErrorCode, clientId);
            return null;
        }
    }

    private async Task<TransactionResult> ProcessTransactionAsync(CrudUpload upload, int index, CrudTransaction transaction, CrudTransaction pending, CancellationToken cancellationToken)
    {
        using var activity = _instrumentation.ActivitySource.StartActivity("powersync.transaction");
        activity?.SetTag("powersync.transaction.id", transaction.TransactionId);
        activity?.SetTag("powersync.entries", pending.Entries.Count);

        var prepared = await PrepareAsync(upload, transaction, pending, cancellationToken).ConfigureAwait(false);
        if (prepared.Refusal is { } refusal)
        {
            return await RejectAsync(upload, transaction, refusal.Operation, refusal.RequiresClientHandling, cancellationToken).ConfigureAwait(false);
        }

        ApplyContext? attempt = null;
        try
        {
            var outcome = await _retry.ExecuteAsync(
                (state, token) =>
                {
                    attempt = new ApplyContext(upload, index, transaction, state.Transaction, state.ClientTables, ConflictHooksFor, _instrumentation.RecordConflict);
                    return _applier.ApplyAsync(attempt, token);
                },
                prepared,
                transaction.TransactionId,
                cancellationToken).ConfigureAwait(false);

            // A concurrent request from the same client got there first; the applier saw it under the ledger lock.
            return outcome == ApplyOutcome.AlreadyApplied ? Duplicate(upload, transaction) : TransactionResult.Success;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = _classifier.Classify(exception);
            activity?.SetTag("error.type", failure.Classification.ErrorCode);
            if (failure.Classification.IsTransient)
            {
                Log.RetriesExhausted(_logger, exception, failure.Classification.ErrorCode, transaction.TransactionId);
                return TransactionResult.Retryable($"transient failure ({failure.Classification.ErrorCode}); retry later", _options.Retry.RetryAfter);
            }

            LogRefusal(transaction, upload, failure);
            var original = failure.OperationIndex is { } applied && attempt?.ToMappedIndex(applied) is { } mapped
                ? prepared.ToOriginal[mapped]
                : (int?)null;
            return await RejectAsync(upload, transaction, Failed(failure, original), failure.RequiresClientHandling, cancellationToken).ConfigureAwait(false);
        }
    }

    private void LogRefusal(CrudTransaction transaction, CrudUpload upload, Failure failure)
    {
        if (failure.Exception is CrudRejectedException)
        {
            return;
        }

        if (failure.Classification.ErrorCode == ErrorCodes.UnclassifiedError)
        {
            Log.UnclassifiedFailure(_logger, failure.Exception, transaction.TransactionId, upload.ClientId);
        }
        else
        {
            Log.DatabaseRefused(_logger, failure.Exception, transaction.TransactionId, failure.Classification.ErrorCode);
        }
    }

    private async Task<TransactionResult> RejectAsync(CrudUpload upload, CrudTransaction transaction, FailedOperation failed, bool requiresClientHandling, CancellationToken cancellationToken)
    {
        requiresClientHandling |= _options.RequiresClientHandling?.Invoke(failed) == true;
        Log.TransactionRejected(_logger, transaction.TransactionId, upload.ClientId, failed.OperationIndex, failed.ErrorCode, failed.Message);
        _instrumentation.RecordRejection(failed.ErrorCode);
        if (!requiresClientHandling)
        {
            var letter = new DeadLetter(upload.UserId, upload.ClientId, transaction, failed, _timeProvider.GetUtcNow());
            await _deadLetters.WriteAsync(letter, cancellationToken).ConfigureAwait(false);
        }

        return TransactionResult.Fatal(failed, requiresClientHandling);
    }

    private static FailedOperation Failed(Failure failure, int? operationIndex) =>
        new(failure.Classification.ErrorCode, failure.Message) { OperationIndex = operationIndex, Details = failure.Details };

    private IReadOnlyList<IConflictHook> ConflictHooksFor(string clientTable)
    {
        if (!_conflictHooksByTable.TryGetValue(clientTable, out var hooks))
        {
            hooks = _options.Tables.TryGetValue(clientTable, out var table) && table.ConflictHooks.Count > 0
                ? [.. _conflictHooks, .. table.ConflictHooks]
                : _conflictHooks;
            _conflictHooksByTable[clientTable] = hooks;
        }

        return hooks;
    }
}
