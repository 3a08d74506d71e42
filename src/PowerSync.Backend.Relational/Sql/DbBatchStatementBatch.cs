using System.Data.Common;

namespace PowerSync.Backend.Relational.Sql;

/// <summary>Statements in one ADO.NET <see cref="DbBatch"/>; the failing one is named when the driver fills <see cref="DbException.BatchCommand"/>.</summary>
internal sealed class DbBatchStatementBatch : StatementBatch
{
    private readonly DbBatch _batch;
    private readonly Func<SqlValue, DbParameter> _createParameter;

    /// <summary>Creates the batch.</summary>
    public DbBatchStatementBatch(DbConnection connection, DbTransaction transaction, Func<SqlValue, DbParameter> createParameter)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _batch = connection.CreateBatch();
        _batch.Transaction = transaction;
        _createParameter = createParameter;
    }

    /// <inheritdoc />
    public override int Count => _batch.BatchCommands.Count;

    /// <inheritdoc />
    public override void Add(SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var command = _batch.CreateBatchCommand();
        command.CommandText = statement.Sql;
        foreach (var value in statement.Parameters)
        {
            command.Parameters.Add(_createParameter(value));
        }

        _batch.BatchCommands.Add(command);
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        await _batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return 1;
    }

    /// <inheritdoc />
    public override Task<DbDataReader> ExecuteReaderAsync(CancellationToken cancellationToken) => _batch.ExecuteReaderAsync(cancellationToken);

    /// <inheritdoc />
    public override int IndexOfFailed(DbException exception) =>
        exception?.BatchCommand is { } failed ? _batch.BatchCommands.IndexOf(failed) : -1;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _batch.Dispose();
        }
    }
}
