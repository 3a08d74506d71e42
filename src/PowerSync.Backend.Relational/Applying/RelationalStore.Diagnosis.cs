using System.Data.Common;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.Relational.Applying;

/// <summary>Finding the entry a set-based statement failed on.</summary>
internal sealed partial class RelationalStore
{
    /// <summary>
    /// Replays the transaction one entry per statement in a transaction that is always rolled back, to name the entry
    /// a set-based statement failed on. Runs only after a permanent failure, never on the normal path.
    /// </summary>
    private async Task<Exception> DiagnoseAsync(ApplyContext context, DbException original, CancellationToken cancellationToken)
    {
        var catalog = await _schema.GetAsync(cancellationToken).ConfigureAwait(false);
        var statements = _planner.Plan(context.Transaction.Entries, catalog, maxEntriesPerRun: 1);

        // Row-level security policies and defaults must see the same user as the failed attempt did.
        var setUser = _dialect.SetUser(context.Upload.UserId ?? string.Empty);
        var (index, failure) = await ReplayAsync(statements, setUser, together: true, cancellationToken).ConfigureAwait(false);
        if (index < 0 && failure is not null)
        {
            // The driver does not say which statement failed: one statement per round trip tells.
            (index, failure) = await ReplayAsync(statements, setUser, together: false, cancellationToken).ConfigureAwait(false);
        }

        // Not reproducible (another writer changed the data meanwhile): report the transaction as a whole.
        return index >= 0 ? new CrudApplyException(statements[index].Entries[0], failure!) : new CrudApplyException(null, original);
    }

    /// <summary>Runs the statements in a transaction that is rolled back; returns the failing statement (-1 when none or unknown) and its failure.</summary>
    private async Task<(int Index, DbException? Failure)> ReplayAsync(List<SqlStatement> statements, SqlStatement? setUser, bool together, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var diagnosis = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (diagnosis.ConfigureAwait(false))
            {
                try
                {
                    return together
                        ? await ReplayTogetherAsync(connection, diagnosis, statements, setUser, cancellationToken).ConfigureAwait(false)
                        : await ReplayOneByOneAsync(connection, diagnosis, statements, setUser, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await diagnosis.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task<(int Index, DbException? Failure)> ReplayTogetherAsync(
        DbConnection connection, DbTransaction transaction, List<SqlStatement> statements, SqlStatement? setUser, CancellationToken cancellationToken)
    {
        using var batch = _dialect.CreateBatch(connection, transaction);
        var offset = setUser is null ? 0 : 1;
        if (setUser is not null)
        {
            batch.Add(setUser);
        }

        foreach (var statement in statements)
        {
            batch.Add(statement);
        }

        try
        {
            await ExecuteAsync(batch, cancellationToken).ConfigureAwait(false);
            return (-1, null);
        }
        catch (DbException exception) when (batch.IndexOfFailed(exception) is var failed && (failed < 0 || (failed - offset >= 0 && failed - offset < statements.Count)))
        {
            return (failed < 0 ? -1 : failed - offset, exception);
        }
    }

    private async Task<(int Index, DbException? Failure)> ReplayOneByOneAsync(
        DbConnection connection, DbTransaction transaction, List<SqlStatement> statements, SqlStatement? setUser, CancellationToken cancellationToken)
    {
        if (setUser is not null)
        {
            using var user = _dialect.CreateBatch(connection, transaction);
            user.Add(setUser);
            await ExecuteAsync(user, cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < statements.Count; i++)
        {
            using var single = _dialect.CreateBatch(connection, transaction);
            single.Add(statements[i]);
            try
            {
                await ExecuteAsync(single, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException exception)
            {
                return (i, exception);
            }
        }

        return (-1, null);
    }
}
