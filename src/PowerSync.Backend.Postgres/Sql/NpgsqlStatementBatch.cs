using System.Data.Common;
using Npgsql;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.Postgres.Sql;

/// <summary>Statements in one <see cref="NpgsqlBatch"/>: one round trip, and the failing statement is always known.</summary>
internal sealed class NpgsqlStatementBatch : StatementBatch
{
    private readonly NpgsqlBatch _batch;

    /// <summary>Creates the batch.</summary>
    public NpgsqlStatementBatch(NpgsqlConnection connection, NpgsqlTransaction transaction) => _batch = new NpgsqlBatch(connection, transaction);

    /// <inheritdoc />
    public override int Count => _batch.BatchCommands.Count;

    /// <inheritdoc />
    public override void Add(SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var command = new NpgsqlBatchCommand(statement.Sql);
        foreach (var value in statement.Parameters)
        {
            command.Parameters.Add(PostgresParameters.Create(value));
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
    public override async Task<DbDataReader> ExecuteReaderAsync(CancellationToken cancellationToken) =>
        await _batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The index of the command that raised <paramref name="exception"/>, or -1.</summary>
    /// <remarks>
    /// Npgsql 10 fills <see cref="NpgsqlException.BatchCommand"/> only when the connection string sets
    /// <c>Include Failed Batched Command</c>, and the data source belongs to the application. Commands that completed carry
    /// the statement type the server reported, so without it the failing command is the first that has none.
    /// </remarks>
    public override int IndexOfFailed(DbException exception)
    {
        if (exception is not PostgresException failure)
        {
            return -1;
        }

        if (failure.BatchCommand is { } failed)
        {
            return _batch.BatchCommands.IndexOf(failed);
        }

        for (var i = 0; i < _batch.BatchCommands.Count; i++)
        {
            if (_batch.BatchCommands[i].StatementType == StatementType.Unknown)
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _batch.Dispose();
        }
    }
}
