using System.Data;
using System.Data.Common;

namespace PowerSync.Backend.MySql.TestDriver;

/// <summary>A transaction begun with <c>START TRANSACTION</c>; ended by <c>COMMIT</c> or <c>ROLLBACK</c>.</summary>
/// <remarks>
/// Disposing an unfinished transaction rolls it back. After a failed COMMIT or ROLLBACK the transaction counts as
/// finished, as in MySqlConnector: the server has either ended it or dropped the connection.
/// </remarks>
public sealed class MariaDbTransaction : DbTransaction
{
    private readonly IsolationLevel _isolationLevel;
    private MariaDbConnection? _connection;

    internal MariaDbTransaction(MariaDbConnection connection, IsolationLevel isolationLevel)
    {
        _connection = connection;
        _isolationLevel = isolationLevel;
    }

    /// <inheritdoc cref="DbTransaction.Connection" />
    public new MariaDbConnection? Connection => _connection;

    /// <inheritdoc />
    public override IsolationLevel IsolationLevel => _isolationLevel;

    /// <inheritdoc />
    protected override DbConnection? DbConnection => _connection;

    /// <inheritdoc />
    public override void Commit() => Finish("COMMIT");

    /// <inheritdoc />
    public override void Rollback() => Finish("ROLLBACK");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _connection is { State: ConnectionState.Open } connection && ReferenceEquals(connection.CurrentTransaction, this))
        {
            try
            {
                Finish("ROLLBACK");
            }
            catch (MariaDbException)
            {
                // The connection is gone; the server rolls back on its own.
            }
        }

        _connection = null;
        base.Dispose(disposing);
    }

    private void Finish(string statement)
    {
        var connection = _connection;
        if (connection is null || !ReferenceEquals(connection.CurrentTransaction, this))
        {
            throw new InvalidOperationException("This transaction has already been committed or rolled back.");
        }

        // Checked before the try: a refused statement leaves the transaction open.
        connection.EnsureNoActiveReader();
        try
        {
            connection.ExecuteInternal(statement);
        }
        finally
        {
            connection.CurrentTransaction = null;
            _connection = null;
        }
    }
}
