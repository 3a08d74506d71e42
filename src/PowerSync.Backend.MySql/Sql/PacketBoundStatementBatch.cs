using System.Data.Common;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.MySql.Sql;

/// <summary>
/// Multi-statement command text for drivers without <see cref="DbBatch"/>, cut into several commands so that none
/// outgrows the server's <c>max_allowed_packet</c> (one command text is one packet): usually one round trip, more
/// only for transactions bigger than the packet.
/// </summary>
internal sealed class PacketBoundStatementBatch : StatementBatch
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly Func<SqlValue, DbParameter> _createParameter;
    private readonly long _maxBytes;
    private readonly List<CommandTextStatementBatch> _commands = [];
    private long _bytes;
    private int _count;

    /// <summary>Creates the batch.</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="transaction">The transaction.</param>
    /// <param name="createParameter">Makes the driver's parameters.</param>
    /// <param name="maxBytes">The most bytes one command may carry, escaped values included.</param>
    public PacketBoundStatementBatch(DbConnection connection, DbTransaction transaction, Func<SqlValue, DbParameter> createParameter, long maxBytes)
    {
        _connection = connection;
        _transaction = transaction;
        _createParameter = createParameter;
        _maxBytes = maxBytes;
    }

    /// <inheritdoc />
    public override int Count => _count;

    /// <summary>How many commands the statements need.</summary>
    public int Commands => _commands.Count;

    /// <inheritdoc />
    public override void Add(SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var bytes = Size(statement);
        if (_commands.Count == 0 || (_bytes > 0 && _bytes + bytes > _maxBytes))
        {
            _commands.Add(new CommandTextStatementBatch(_connection, _transaction, _createParameter));
            _bytes = 0;
        }

        _commands[^1].Add(statement);
        _bytes += bytes;
        _count++;
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        var roundTrips = 0;
        foreach (var command in _commands)
        {
            roundTrips += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return roundTrips;
    }

    /// <summary>Runs every command but the last without results, and returns the last one's reader.</summary>
    public override async Task<DbDataReader> ExecuteReaderAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _commands.Count - 1; i++)
        {
            await _commands[i].ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _commands[^1].ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override int IndexOfFailed(DbException exception) => -1;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var command in _commands)
            {
                command.Dispose();
            }
        }
    }

    // Escaping at most doubles a byte; UTF-8 takes at most three bytes per UTF-16 unit.
    private static long Size(SqlStatement statement)
    {
        long bytes = statement.Sql.Length * 3L;
        foreach (var value in statement.Parameters)
        {
            bytes += value.Value is string text ? (text.Length * 6L) + 2 : 32;
        }

        return bytes;
    }
}
