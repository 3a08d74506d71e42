using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Mongo.Bson;
using PowerSync.Backend.Mongo.Diagnostics;
using PowerSync.Backend.Mongo.Sessions;
using PowerSync.Backend.Mongo.Translation;

namespace PowerSync.Backend.Mongo;

/// <summary>Applying one client transaction.</summary>
public sealed partial class MongoStore
{
    private const int WriteConflict = 112;

    /// <inheritdoc />
    public async ValueTask<ApplyOutcome> ApplyAsync(ApplyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Resolve and coerce everything before any command: bad input is refused naming its entry.
        var plan = new Plan(context.Transaction, _planner.Plan(context.Transaction.Entries));
        var started = _timeProvider.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyOnceAsync(context, plan, cancellationToken).ConfigureAwait(false);
            }
            catch (MongoCommandFailedException conflict) when (IsRerunnable(conflict, started))
            {
                // MongoDB aborts the later of two writers instead of making it wait: run the transaction again,
                // fresh, as the drivers' WithTransaction does. The ledger re-check makes it exact.
                Log.WriteConflictRerun(_logger, conflict.Code, context.Client?.ClientId, attempt);
            }

            await PauseAsync(attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A write conflict, within <see cref="MongoBackendOptions.WriteConflictTimeLimit"/> of the first attempt.</summary>
    private bool IsRerunnable(MongoCommandFailedException exception, long started) =>
        exception.Code == WriteConflict && _timeProvider.GetElapsedTime(started) < _options.WriteConflictTimeLimit;

    /// <summary>A short pause before a re-run, growing by a millisecond per attempt up to 20 ms, so the winner can finish.</summary>
    private Task PauseAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Math.Min(attempt, 20)), _timeProvider, cancellationToken);

    private async ValueTask<ApplyOutcome> ApplyOnceAsync(ApplyContext context, Plan plan, CancellationToken cancellationToken)
    {
        var scope = _options.UseTransactions ? new MongoTransactionScope(_sessions.Rent(), _options.Database) : null;
        try
        {
            LedgerPosition stored = default;
            if (context.Client is { } client)
            {
                stored = await ReadLedgerAsync(scope, client, cancellationToken).ConfigureAwait(false);
                if (!context.Pending(stored))
                {
                    if (scope is not null)
                    {
                        await CommitAsync(scope, cancellationToken).ConfigureAwait(false);
                    }

                    return ApplyOutcome.AlreadyApplied;
                }

                // In a transaction, writing the ledger document first is MongoDB's row lock: a concurrent upload
                // from the same client now fails with a write conflict and, re-run, finds the work done.
                if (scope is not null)
                {
                    await AdvanceLedgerAsync(scope, client, stored, context.LedgerAfter(stored), cancellationToken).ConfigureAwait(false);
                }
            }

            if (context.HasConflictChecks)
            {
                var rows = await LoadRowsAsync(scope, context.RowsToLoad(), cancellationToken).ConfigureAwait(false);
                await context.ResolveConflictsAsync(rows, cancellationToken).ConfigureAwait(false);
            }

            // The ledger or a conflict hook may have narrowed the transaction.
            if (!ReferenceEquals(plan.Transaction, context.Transaction))
            {
                plan = new Plan(context.Transaction, _planner.Plan(context.Transaction.Entries));
            }

            foreach (var write in plan.Writes)
            {
                await WriteAsync(scope, write, cancellationToken).ConfigureAwait(false);
            }

            if (scope is not null)
            {
                await CommitAsync(scope, cancellationToken).ConfigureAwait(false);
            }
            else if (context.Client is { } standaloneClient)
            {
                // Without transactions the ledger moves only after the writes: an interrupted upload is applied
                // again when re-sent (upserts, sets and deletes converge), never skipped half-done.
                await AdvanceLedgerAsync(null, standaloneClient, stored, context.LedgerAfter(stored), cancellationToken).ConfigureAwait(false);
            }

            return ApplyOutcome.Applied;
        }
        finally
        {
            if (scope is not null)
            {
                await AbortAsync(scope).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask WriteAsync(MongoTransactionScope? scope, MongoWrite write, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(scope, MongoCommands.Write(write), cancellationToken).ConfigureAwait(false);
        }
        catch (MongoCommandFailedException exception) when (exception.WriteErrorIndex is { } index && index >= 0 && index < write.EntryIndexes.Count)
        {
            throw new CrudApplyException(write.EntryIndexes[index], exception);
        }
    }

    private async ValueTask<LedgerPosition> ReadLedgerAsync(MongoTransactionScope? scope, ClientKey client, CancellationToken cancellationToken)
    {
        var find = MongoCommands.Find(_options.LedgerCollection, new BsonDocument().Add("_id", MongoCommands.LedgerKey(client)), single: true);
        var reply = await RunAsync(scope, find, cancellationToken).ConfigureAwait(false);
        return ReadPosition(FirstBatch(reply).FirstOrDefault());
    }

    /// <summary>
    /// Moves the ledger from <paramref name="stored"/> to <paramref name="after"/>, guarded: the statement matches
    /// only while the document still holds the position read, so when another upload moved it, the upsert
    /// collides on <c>_id</c> (duplicate key) instead of applying this one twice. That is reported as a write
    /// conflict, and the transaction is re-run against the new position.
    /// </summary>
    private async ValueTask AdvanceLedgerAsync(MongoTransactionScope? scope, ClientKey client, LedgerPosition stored, LedgerPosition after, CancellationToken cancellationToken)
    {
        var statement = new BsonDocument()
            .Add("q", new BsonDocument()
                .Add("_id", MongoCommands.LedgerKey(client))
                .Add("last_transaction_id", MongoCommands.Nullable(stored.LastTransactionId))
                .Add("last_operation_id", MongoCommands.Nullable(stored.LastOperationId)))
            .Add("u", new BsonDocument().Add("$set", new BsonDocument()
                .Add("last_transaction_id", MongoCommands.Nullable(after.LastTransactionId))
                .Add("last_operation_id", MongoCommands.Nullable(after.LastOperationId))
                .Add("updated_at", new BsonDateTime(_timeProvider.GetUtcNow().ToUnixTimeMilliseconds()))))
            .Add("upsert", new BsonBoolean(true));
        try
        {
            await RunAsync(scope, MongoCommands.Update(_options.LedgerCollection, [statement]), cancellationToken).ConfigureAwait(false);
        }
        catch (MongoCommandFailedException exception) when (exception.Code == 11000 && exception.WriteErrorIndex == 0)
        {
            Log.LedgerMoved(_logger, client.ClientId);
            throw new MongoCommandFailedException(WriteConflict, "WriteConflict", [MongoErrorClassifier.TransientTransactionError], "update", serverMessage: "the ledger moved while the transaction ran", innerException: exception);
        }
    }

    /// <summary>Reads the stored documents conflict hooks need, one <c>find</c> per collection, keyed as the client spelled the ids.</summary>
    private async ValueTask<Dictionary<RowKey, CrudData>> LoadRowsAsync(MongoTransactionScope? scope, IReadOnlyList<RowKey> keys, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<RowKey, CrudData>();
        foreach (var table in keys.GroupBy(k => k.Table, StringComparer.Ordinal))
        {
            var collection = _planner.Resolve(table.Key, 0);
            var byId = new Dictionary<string, List<RowKey>>(StringComparer.Ordinal);
            var ids = new BsonArray();
            foreach (var key in table)
            {
                var id = MongoPlanner.Id(collection, key.Id, 0);
                var text = ExtendedJsonWriter.ToRelaxed(id);
                if (!byId.TryGetValue(text, out var spellings))
                {
                    byId[text] = spellings = [];
                    ids.Items.Add(id);
                }

                spellings.Add(key);
            }

            var filter = new BsonDocument().Add("_id", new BsonDocument().Add("$in", ids));
            var documents = await FindAllAsync(scope, collection.Name, MongoCommands.Find(collection.Name, filter, ids.Items.Count), cancellationToken).ConfigureAwait(false);
            foreach (var document in documents)
            {
                if (document.TryGetValue("_id", out var id) && byId.TryGetValue(ExtendedJsonWriter.ToRelaxed(id), out var spellings))
                {
                    var row = BsonToCrud.Row(document);
                    spellings.ForEach(key => rows[key] = row);
                }
            }
        }

        return rows;
    }

    /// <summary>The commands planned for a transaction (re-planned when the transaction is narrowed).</summary>
    private sealed record Plan(CrudTransaction Transaction, List<MongoWrite> Writes);
}
