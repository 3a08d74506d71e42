using System.Data.Common;
using System.Text;

namespace PowerSync.Backend.Relational.Sql;

/// <summary>
/// Statements joined into one command text, for drivers without <see cref="DbBatch"/>. The parameters of every
/// statement go to the one command, so their names must be unique across the statements (or positional). The
/// driver does not say which statement failed.
/// </summary>
internal sealed class CommandTextStatementBatch : StatementBatch
{
    private readonly DbCommand _command;
    private readonly Func<SqlValue, DbParameter> _createParameter;
    private readonly StringBuilder _text = new();
    private int _count;

    /// <summary>Creates the batch.</summary>
    public CommandTextStatementBatch(DbConnection connection, DbTransaction transaction, Func<SqlValue, DbParameter> createParameter)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _createParameter = createParameter;
    }

    /// <inheritdoc />
    public override int Count => _count;

    /// <summary>The command text so far.</summary>
    public string CommandText => _text.ToString();

    /// <inheritdoc />
    public override void Add(SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        _text.Append(_count == 0 ? string.Empty : ";\n").Append(statement.Sql);
        foreach (var value in statement.Parameters)
        {
            _command.Parameters.Add(_createParameter(value));
        }

        _count++;
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        Prepare();
        await _command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return 1;
    }

    /// <inheritdoc />
    public override Task<DbDataReader> ExecuteReaderAsync(CancellationToken cancellationToken)
    {
        Prepare();
        return _command.ExecuteReaderAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override int IndexOfFailed(DbException exception) => -1;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _command.Dispose();
        }
    }

    private void Prepare() => _command.CommandText = _text.ToString();
}
