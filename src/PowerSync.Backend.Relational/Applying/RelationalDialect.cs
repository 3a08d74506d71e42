using System.Data.Common;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Sql;
using PowerSync.Backend.Relational.Values;

namespace PowerSync.Backend.Relational.Applying;

/// <summary>
/// What one SQL database adds to the shared layer: its catalog query, its value spelling and statements, the SQL of
/// the ledger, dead-letter and conflict-row steps, how statements travel together, and how its errors read.
/// <see cref="RelationalStore"/> runs the steps in the same order for every database.
/// </summary>
/// <remarks>
/// Statement text uses the dialect's own placeholders; <see cref="CreateParameter"/> turns each <see cref="SqlValue"/>
/// into the driver's parameter, in order. Table names reach SQL only quoted by the dialect and after they matched
/// the catalog or the configuration.
/// </remarks>
internal abstract class RelationalDialect
{
    /// <summary>The conversion rules with this dialect's spelling.</summary>
    public abstract ValueConverter Values { get; }

    /// <summary>The set-based data statements.</summary>
    public abstract IStatementBuilder Statements { get; }

    /// <summary>The provider's classifier, consulted to tell a transient failure of a set-based statement from a refusal.</summary>
    public abstract IErrorClassifier Classifier { get; }

    /// <summary>Reads the catalog of the configured schema (tables whose key is the id column, and refused ones).</summary>
    public abstract Task<RelationalCatalog> ReadCatalogAsync(CancellationToken cancellationToken);

    /// <summary>Creates or upgrades the ledger and dead-letter tables; safe to run from many instances at once.</summary>
    /// <returns>The versions applied now.</returns>
    public abstract Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Whether the server says a table or column does not match the cached catalog (so it must be reloaded).</summary>
    public abstract bool IsSchemaError(DbException exception);

    /// <summary>Makes the driver's parameter for a value.</summary>
    public abstract DbParameter CreateParameter(SqlValue value);

    /// <summary>A batch of statements on <paramref name="connection"/> in <paramref name="transaction"/> (see <see cref="StatementBatch.Create"/> for any driver).</summary>
    public abstract StatementBatch CreateBatch(DbConnection connection, DbTransaction transaction);

    /// <summary>Reads a client's ledger position: one row (<c>last_transaction_id</c>, <c>last_operation_id</c>) or none.</summary>
    public abstract SqlStatement ReadPosition(ClientKey client);

    /// <summary>
    /// Creates the client's ledger row when missing and reads it locked for the rest of the transaction, so that
    /// concurrent uploads from one client serialise. The last statement returns the row as <see cref="ReadPosition"/> does.
    /// </summary>
    public abstract IEnumerable<SqlStatement> LockLedger(ClientKey client);

    /// <summary>Sets the client's ledger row (locked by <see cref="LockLedger"/>) to <paramref name="position"/>.</summary>
    public abstract SqlStatement AdvanceLedger(ClientKey client, LedgerPosition position);

    /// <summary>Raises the client's ledger row to at least <paramref name="position"/>, creating it when missing (no lock held).</summary>
    public abstract SqlStatement RaiseLedger(ClientKey client, LedgerPosition position);

    /// <summary>Inserts a dead letter; <paramref name="transactionJson"/> is the transaction as the client sent it.</summary>
    public abstract SqlStatement InsertDeadLetter(DeadLetter letter, string transactionJson);

    /// <summary>Hands the user id to the database for the transaction (row-level security), or <see langword="null"/> when not configured.</summary>
    public abstract SqlStatement? SetUser(string userId);

    /// <summary>
    /// Reads the rows of <paramref name="table"/> with the given ids, locked for update, as one result set: first the
    /// 1-based position of the row's id in <paramref name="ids"/> (a 64-bit integer), then every other column by name
    /// (booleans as booleans, integers as 64-bit integers, floats as doubles, the rest as text clients would send).
    /// </summary>
    public abstract SqlStatement SelectRowsForUpdate(RelationalTable table, string[] ids);
}
