using Npgsql;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Postgres.Schema;
using PowerSync.Backend.Postgres.Sql;

namespace PowerSync.Backend.Postgres;

/// <summary>Applying one client transaction.</summary>
public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async ValueTask<ApplyOutcome> ApplyAsync(ApplyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await ApplyOnceAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when ((exception as PostgresException ?? exception.InnerException as PostgresException)?.SqlState.StartsWith("42", StringComparison.Ordinal) == true)
        {
            // The table changed under the cached catalog (a dropped column, a renamed table): reload before the next attempt.
            _schema.Invalidate();
            throw;
        }
    }

    /// <summary>Reloads the catalog now, for example right after a migration added tables or columns.</summary>
    /// <param name="cancellationToken">Cancels the reload.</param>
    /// <returns>A task that completes when the new catalog is in use.</returns>
    public async Task RefreshSchemaAsync(CancellationToken cancellationToken)
    {
        await _schema.ReloadAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<ApplyOutcome> ApplyOnceAsync(ApplyContext context, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);

        // Resolve and convert everything before any SQL: bad input is refused naming its entry.
        var planned = await PlanAsync(context.Transaction, cancellationToken).ConfigureAwait(false);
        PostgresException? refused;
        PlannedStatement[] statements;
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

                statements = [.. planned.Statements];
                Interlocked.Add(ref _statements, statements.Length);
                using var batch = new NpgsqlBatch(connection, transaction);
                AddStatements(batch, statements);
                if (context.Client is { } client)
                {
                    var after = context.LedgerAfter(stored);
                    batch.BatchCommands.Add(new NpgsqlBatchCommand($"UPDATE {_ledger} SET last_transaction_id = $3, last_operation_id = $4, updated_at = now() WHERE user_id = $1 AND client_id = $2")
                    {
                        Parameters = { new() { Value = client.UserId }, new() { Value = client.ClientId }, Nullable(after.LastTransactionId), Nullable(after.LastOperationId) },
                    });
                }

                try
                {
                    if (batch.BatchCommands.Count > 0)
                    {
                        CountRoundTrip();
                        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
                    return ApplyOutcome.Applied;
                }
                catch (PostgresException exception) when (FailedCommand(batch, exception) is var index && index >= 0 && index < statements.Length)
                {
                    var entries = statements[index].Entries;
                    if (entries.Length == 1 || PostgresErrorClassifier.Classify(exception.SqlState) is { IsTransient: true })
                    {
                        throw new CrudApplyException(entries[0], exception);
                    }

                    // A set-based statement failed for a reason that names no row: find the entry below.
                    refused = exception;
                }
            }
        }

        throw await DiagnoseAsync(context, refused, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The index of the command of <paramref name="batch"/> that raised <paramref name="exception"/>, or -1.</summary>
    /// <remarks>
    /// Npgsql 10 fills <see cref="NpgsqlException.BatchCommand"/> only when the connection string sets
    /// <c>Include Failed Batched Command</c>, and the data source belongs to the application. Commands that completed carry
    /// the statement type the server reported, so without it the failing command is the first that has none.
    /// </remarks>
    private static int FailedCommand(NpgsqlBatch batch, PostgresException exception)
    {
        if (exception.BatchCommand is { } failed)
        {
            return batch.BatchCommands.IndexOf(failed);
        }

        for (var i = 0; i < batch.BatchCommands.Count; i++)
        {
            if (batch.BatchCommands[i].StatementType == StatementType.Unknown)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Replays the transaction one entry per statement in a transaction that is always rolled back, to name the
    /// entry a set-based statement failed on. Runs only after a permanent failure, never on the normal path.
    /// </summary>
    private async Task<Exception> DiagnoseAsync(ApplyContext context, PostgresException original, CancellationToken cancellationToken)
    {
        var snapshot = await _schema.GetAsync(cancellationToken).ConfigureAwait(false);
        var statements = PostgresPlanner.Plan(context.Transaction.Entries, snapshot, _options, maxEntriesPerRun: 1);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var diagnosis = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (diagnosis.ConfigureAwait(false))
            {
                using var batch = new NpgsqlBatch(connection, diagnosis);

                // Row-level security policies and defaults must see the same user as the failed attempt did.
                var offset = AddUserSetting(batch, context) ? 1 : 0;
                AddStatements(batch, statements);
                try
                {
                    CountRoundTrip();
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException exception) when (FailedCommand(batch, exception) - offset is var index && index >= 0 && index < statements.Count)
                {
                    return new CrudApplyException(statements[index].Entries[0], exception);
                }
                finally
                {
                    await diagnosis.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }

        // Not reproducible (another writer changed the data meanwhile): report the transaction as a whole.
        return new CrudApplyException(null, original);
    }

    private async ValueTask<(CrudTransaction Transaction, List<PlannedStatement> Statements)> PlanAsync(CrudTransaction transaction, CancellationToken cancellationToken)
    {
        var snapshot = await _schema.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (transaction, PostgresPlanner.Plan(transaction.Entries, snapshot, _options));
        }
        catch (SchemaMissException)
        {
            // The table or column may be new: reload the catalog (paced) and try once more.
            var reloaded = await _schema.RefreshAsync(cancellationToken).ConfigureAwait(false);
            if (!ReferenceEquals(reloaded, snapshot))
            {
                Log.SchemaReloaded(_logger, _options.Schema);
            }

            try
            {
                return (transaction, PostgresPlanner.Plan(transaction.Entries, reloaded, _options));
            }
            catch (SchemaMissException miss)
            {
                throw new CrudRejectedException(ErrorCodes.SchemaMismatch, miss.Message, miss.EntryIndex);
            }
        }
    }

    /// <summary>Sets the RLS user and locks the client's ledger row (creating it), in one round trip.</summary>
    private async Task<LedgerPosition> BeginAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ApplyContext context, CancellationToken cancellationToken)
    {
        using var batch = new NpgsqlBatch(connection, transaction);
        AddUserSetting(batch, context);
        if (context.Client is { } client)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"INSERT INTO {_ledger} (user_id, client_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            {
                Parameters = { new() { Value = client.UserId }, new() { Value = client.ClientId } },
            });
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT last_transaction_id, last_operation_id FROM {_ledger} WHERE user_id = $1 AND client_id = $2 FOR UPDATE")
            {
                Parameters = { new() { Value = client.UserId }, new() { Value = client.ClientId } },
            });
        }

        if (batch.BatchCommands.Count == 0)
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

            // Skip the set_config result, if any, to the ledger row.
            while (reader.FieldCount != 2 || reader.GetName(0) != "last_transaction_id")
            {
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }

            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadPosition(reader) : LedgerPosition.None;
        }
    }

    /// <summary>Reads and locks the rows conflict hooks need: one statement per table, one round trip.</summary>
    private async Task<IReadOnlyDictionary<RowKey, CrudData>> LoadRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RowKey> keys, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<RowKey, CrudData>();
        if (keys.Count == 0)
        {
            return rows;
        }

        var snapshot = await _schema.GetAsync(cancellationToken).ConfigureAwait(false);
        var tables = keys.GroupBy(k => k.Table, StringComparer.Ordinal)
            .Where(g => snapshot.Tables.ContainsKey(g.Key))
            .Select(g => (Table: snapshot.Tables[g.Key], Keys: g.ToArray()))
            .ToList();
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (table, tableKeys) in tables)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgresRowReader.SelectForUpdate(table)) { Parameters = { TextArray(tableKeys.Select(k => k.Id).ToArray()) } });
        }

        if (batch.BatchCommands.Count == 0)
        {
            return rows;
        }

        CountRoundTrip();
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            foreach (var (table, tableKeys) in tables)
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    // Keyed by the id as the client spelled it: the stored spelling may differ (uuid case, numeric ids).
                    rows[tableKeys[reader.GetInt64(0) - 1]] = PostgresRowReader.Read(reader, table);
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return rows;
    }

    /// <summary>Adds <c>set_config(UserIdSetting, user, true)</c> when a user-id setting is configured.</summary>
    private bool AddUserSetting(NpgsqlBatch batch, ApplyContext context)
    {
        if (_options.UserIdSetting is not { } setting)
        {
            return false;
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config($1, $2, true)")
        {
            Parameters = { new() { Value = setting }, new() { Value = context.Upload.UserId ?? string.Empty } },
        });
        return true;
    }

    private static void AddStatements(NpgsqlBatch batch, IEnumerable<PlannedStatement> statements)
    {
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement.Sql);
            foreach (var values in statement.Parameters)
            {
                command.Parameters.Add(TextArray(values));
            }

            batch.BatchCommands.Add(command);
        }
    }

    private async Task CommitAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        CountRoundTrip();
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
