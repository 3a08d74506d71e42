using System.Data.Common;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.Relational.Applying;

/// <summary>Applying one client transaction.</summary>
internal sealed partial class RelationalStore
{
    /// <inheritdoc />
    public async ValueTask<ApplyOutcome> ApplyAsync(ApplyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await ApplyOnceAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when ((exception as DbException ?? exception.InnerException as DbException) is { } failure && _dialect.IsSchemaError(failure))
        {
            // The table changed under the cached catalog (a dropped column, a renamed table): reload before the next attempt.
            _schema.Invalidate();
            throw;
        }
    }

    private async ValueTask<ApplyOutcome> ApplyOnceAsync(ApplyContext context, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);

        // Resolve and convert everything before any SQL: bad input is refused naming its entry.
        var planned = await PlanAsync(context.Transaction, cancellationToken).ConfigureAwait(false);
        DbException refused;
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var stored = await BeginAsync(connection, transaction, context, cancellationToken).ConfigureAwait(false);
                if (context.Client is not null && !context.Pending(stored))
                {
                    await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
                    return ApplyOutcome.AlreadyApplied;
                }

                if (context.HasConflictChecks)
                {
                    var rows = await LoadRowsAsync(connection, transaction, context.RowsToLoad(), cancellationToken).ConfigureAwait(false);
                    await context.ResolveConflictsAsync(rows, cancellationToken).ConfigureAwait(false);
                }

                // The ledger or a conflict hook may have narrowed the transaction.
                if (!ReferenceEquals(planned.Transaction, context.Transaction))
                {
                    planned = await PlanAsync(context.Transaction, cancellationToken).ConfigureAwait(false);
                }

                var failure = await ExecuteAsync(connection, transaction, planned.Statements, context, stored, cancellationToken).ConfigureAwait(false);
                if (failure is null)
                {
                    await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
                    return ApplyOutcome.Applied;
                }

                refused = failure;
            }
        }

        throw await DiagnoseAsync(context, refused, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends every statement and the ledger advance together. Returns the permanent failure of a set-based statement,
    /// whose entry the diagnosis must find; throws any other failure, naming the entry when one statement applied it.
    /// </summary>
    private async Task<DbException?> ExecuteAsync(
        DbConnection connection, DbTransaction transaction, List<SqlStatement> statements, ApplyContext context, LedgerPosition stored, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _statements, statements.Count);
        using var batch = _dialect.CreateBatch(connection, transaction);
        foreach (var statement in statements)
        {
            batch.Add(statement);
        }

        if (context.Client is { } client)
        {
            batch.Add(_dialect.AdvanceLedger(client, context.LedgerAfter(stored)));
        }

        if (batch.Count == 0)
        {
            return null;
        }

        try
        {
            await ExecuteAsync(batch, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DbException exception) when (batch.IndexOfFailed(exception) is var index && index < statements.Count)
        {
            var classification = _dialect.Classifier.Classify(exception);
            if (index >= 0 && (statements[index].Entries.Length == 1 || classification is { IsTransient: true }))
            {
                throw new CrudApplyException(statements[index].Entries[0], exception);
            }

            // A set-based statement failed for a reason that names no row (or the driver does not say which statement
            // failed): find the entry by replaying. Transient and unrecognised failures of unknown origin go as they are.
            if (index >= 0 || classification is { IsTransient: false })
            {
                return exception;
            }

            throw;
        }
    }

    private async ValueTask<(CrudTransaction Transaction, List<SqlStatement> Statements)> PlanAsync(CrudTransaction transaction, CancellationToken cancellationToken)
    {
        var catalog = await _schema.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (transaction, _planner.Plan(transaction.Entries, catalog));
        }
        catch (SchemaMissException)
        {
            // The table or column may be new: reload the catalog (paced) and try once more.
            var reloaded = await _schema.RefreshAsync(cancellationToken).ConfigureAwait(false);
            if (!ReferenceEquals(reloaded, catalog))
            {
                Log.SchemaReloaded(_logger, _settings.Schema);
            }

            try
            {
                return (transaction, _planner.Plan(transaction.Entries, reloaded));
            }
            catch (SchemaMissException miss)
            {
                throw new CrudRejectedException(ErrorCodes.SchemaMismatch, miss.Message, miss.EntryIndex);
            }
        }
    }

    /// <summary>Hands the user to the database and locks the client's ledger row (creating it), in one round trip.</summary>
    private async Task<LedgerPosition> BeginAsync(DbConnection connection, DbTransaction transaction, ApplyContext context, CancellationToken cancellationToken)
    {
        using var batch = _dialect.CreateBatch(connection, transaction);
        if (_dialect.SetUser(context.Upload.UserId ?? string.Empty) is { } setUser)
        {
            batch.Add(setUser);
        }

        if (context.Client is { } client)
        {
            foreach (var statement in _dialect.LockLedger(client))
            {
                batch.Add(statement);
            }
        }

        if (batch.Count == 0)
        {
            return LedgerPosition.None;
        }

        CountRoundTrip();
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (context.Client is null)
            {
                return LedgerPosition.None;
            }

            // Skip the results of the statements before the ledger row's (the user setting's, say).
            while (reader.FieldCount != 2 || reader.GetName(0) != "last_transaction_id")
            {
                if (!await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidOperationException("The ledger lock returned no ledger row: the dialect's LockLedger must end with its SELECT.");
                }
            }

            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadPosition(reader) : LedgerPosition.None;
        }
    }
}
