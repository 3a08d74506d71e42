using System.Data.Common;

namespace PowerSync.Backend.Relational.Sql;

/// <summary>
/// Statements sent to the server together, in one round trip where the driver allows it: the dialect's answer to
/// "how do several statements travel at once" (<c>NpgsqlBatch</c>, an ADO.NET <see cref="DbBatch"/>, or one
/// multi-statement command text).
/// </summary>
internal abstract class StatementBatch : IDisposable
{
    /// <summary>How many statements were added.</summary>
    public abstract int Count { get; }

    /// <summary>
    /// A batch for any ADO.NET driver: a <see cref="DbBatch"/> when the connection can create one, otherwise one
    /// command whose text joins the statements (parameter names must then be unique across them).
    /// </summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="transaction">The transaction the statements run in.</param>
    /// <param name="createParameter">Makes the driver's parameter for a value.</param>
    /// <returns>The batch.</returns>
    public static StatementBatch Create(DbConnection connection, DbTransaction transaction, Func<SqlValue, DbParameter> createParameter)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.CanCreateBatch
            ? new DbBatchStatementBatch(connection, transaction, createParameter)
            : new CommandTextStatementBatch(connection, transaction, createParameter);
    }

    /// <summary>Adds a statement.</summary>
    public abstract void Add(SqlStatement statement);

    /// <summary>Runs every statement, in order, stopping at the first failure.</summary>
    /// <param name="cancellationToken">Cancels the execution.</param>
    /// <returns>The round trips it took.</returns>
    public abstract Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken);

    /// <summary>Runs every statement, in order, in one round trip; the reader holds one result set per statement that returns rows.</summary>
    /// <param name="cancellationToken">Cancels the execution.</param>
    /// <returns>The reader.</returns>
    public abstract Task<DbDataReader> ExecuteReaderAsync(CancellationToken cancellationToken);

    /// <summary>The index of the statement that raised <paramref name="exception"/>, or -1 when the driver does not tell.</summary>
    public abstract int IndexOfFailed(DbException exception);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the driver's command or batch.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);
}
