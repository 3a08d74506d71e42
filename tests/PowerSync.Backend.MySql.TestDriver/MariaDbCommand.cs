using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using PowerSync.Backend.MySql.TestDriver.Internal;

namespace PowerSync.Backend.MySql.TestDriver;

/// <summary>
/// A command text, possibly several statements separated by <c>;</c>, with <c>@name</c> parameters that are
/// substituted client-side as escaped literals (MySqlConnector does the same for unprepared commands).
/// </summary>
/// <remarks>
/// Execution is synchronous; the async methods of <see cref="DbCommand"/> run it inline and return a completed
/// task, after checking the token (a token cancelled beforehand gives a cancelled task, so no work starts).
/// A running statement cannot be cancelled: <see cref="Cancel"/> does nothing, and <see cref="CommandTimeout"/>
/// is enforced only through the connection's socket timeout (<c>Default Command Timeout</c>, 30 s), which drops
/// the connection with error 2013 rather than interrupting the statement.
/// </remarks>
public sealed class MariaDbCommand : DbCommand
{
    private readonly MariaDbParameterCollection _parameters = new();
    private string _commandText = string.Empty;
    private MariaDbConnection? _connection;

    /// <summary>Creates a command without text or connection.</summary>
    public MariaDbCommand()
    {
    }

    /// <summary>Creates a command for <paramref name="commandText"/> on <paramref name="connection"/>.</summary>
    public MariaDbCommand(string commandText, MariaDbConnection? connection = null, MariaDbTransaction? transaction = null)
    {
        _commandText = commandText;
        _connection = connection;
        Transaction = transaction;
    }

    /// <inheritdoc />
    [AllowNull]
    public override string CommandText
    {
        get => _commandText;
        set => _commandText = value ?? string.Empty;
    }

    /// <inheritdoc />
    /// <value>Defaults to 30 seconds; see the class remarks for how little it is enforced.</value>
    public override int CommandTimeout { get; set; } = 30;

    /// <inheritdoc />
    /// <remarks>Only <see cref="CommandType.Text"/> is supported.</remarks>
    public override CommandType CommandType { get; set; } = CommandType.Text;

    /// <inheritdoc />
    public override bool DesignTimeVisible { get; set; }

    /// <inheritdoc />
    public override UpdateRowSource UpdatedRowSource { get; set; }

    /// <inheritdoc cref="DbCommand.Connection" />
    public new MariaDbConnection? Connection
    {
        get => _connection;
        set => _connection = value;
    }

    /// <inheritdoc cref="DbCommand.Parameters" />
    public new MariaDbParameterCollection Parameters => _parameters;

    /// <inheritdoc cref="DbCommand.Transaction" />
    public new MariaDbTransaction? Transaction { get; set; }

    /// <summary><c>mysql_insert_id</c> after the last statement of the last execution that did not return rows.</summary>
    public long LastInsertedId { get; private set; }

    /// <inheritdoc />
    protected override DbConnection? DbConnection
    {
        get => _connection;
        set => _connection = value switch
        {
            null => null,
            MariaDbConnection connection => connection,
            _ => throw new ArgumentException("A MariaDbCommand needs a MariaDbConnection.", nameof(value)),
        };
    }

    /// <inheritdoc />
    protected override DbParameterCollection DbParameterCollection => _parameters;

    /// <inheritdoc />
    protected override DbTransaction? DbTransaction
    {
        get => Transaction;
        set => Transaction = value switch
        {
            null => null,
            MariaDbTransaction transaction => transaction,
            _ => throw new ArgumentException("A MariaDbCommand needs a MariaDbTransaction.", nameof(value)),
        };
    }

    /// <inheritdoc />
    /// <remarks>Does nothing: a running statement is not interrupted (see the class remarks).</remarks>
    public override void Cancel()
    {
    }

    /// <inheritdoc />
    /// <remarks>Does nothing: every execution sends the text with its parameters substituted.</remarks>
    public override void Prepare()
    {
    }

    /// <inheritdoc cref="DbCommand.CreateParameter" />
    [SuppressMessage("Performance", "CA1822", Justification = "Hides DbCommand.CreateParameter, an instance method.")]
    public new MariaDbParameter CreateParameter() => new();

    /// <inheritdoc />
    /// <returns>The rows affected by all statements without a result set (matched rows for UPDATE by default); -1 when every statement returned rows.</returns>
    public override int ExecuteNonQuery() => checked((int)Execute().RecordsAffected);

    /// <inheritdoc />
    public override object? ExecuteScalar()
    {
        var result = Execute();
        return result.ResultSets is [{ Rows: [var row, ..] } first, ..]
            ? (row[0] is { } cell ? ValueDecoder.Decode(first.Columns[0], cell, _connection!.Settings) : DBNull.Value)
            : null;
    }

    /// <inheritdoc cref="DbCommand.ExecuteReader()" />
    public new MariaDbDataReader ExecuteReader() => ExecuteReader(CommandBehavior.Default);

    /// <inheritdoc cref="DbCommand.ExecuteReader(CommandBehavior)" />
    public new MariaDbDataReader ExecuteReader(CommandBehavior behavior)
    {
        var result = Execute();
        var reader = new MariaDbDataReader(result, _connection!, _connection!.Settings, behavior);
        _connection.ReaderOpened(reader);
        return reader;
    }

    /// <inheritdoc cref="DbCommand.ExecuteReaderAsync(CancellationToken)" />
    public new Task<MariaDbDataReader> ExecuteReaderAsync(CancellationToken cancellationToken = default) =>
        ExecuteReaderAsync(CommandBehavior.Default, cancellationToken);

    /// <inheritdoc cref="DbCommand.ExecuteReaderAsync(CommandBehavior, CancellationToken)" />
    public new async Task<MariaDbDataReader> ExecuteReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken = default) =>
        (MariaDbDataReader)await base.ExecuteReaderAsync(behavior, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override DbParameter CreateDbParameter() => CreateParameter();

    /// <inheritdoc />
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => ExecuteReader(behavior);

    private CommandResult Execute()
    {
        var connection = _connection ?? throw new InvalidOperationException("The command has no connection.");
        var session = connection.Session;
        if (CommandType != CommandType.Text)
        {
            throw new NotSupportedException("Only CommandType.Text is supported by the test driver.");
        }

        if (!ReferenceEquals(Transaction, connection.CurrentTransaction))
        {
            throw new InvalidOperationException(Transaction is null
                ? "The connection has an active transaction; the command's Transaction property must be set to it."
                : "The transaction associated with this command is not the connection's active transaction.");
        }

        connection.EnsureNoActiveReader();
        foreach (MariaDbParameter parameter in _parameters)
        {
            if (parameter.Direction != ParameterDirection.Input)
            {
                throw new NotSupportedException($"Parameter '{parameter.ParameterName}' is not an input parameter; only input parameters are supported.");
            }
        }

        var lookup = _parameters.Snapshot();
        var sql = CommandTextBinder.Bind(
            _commandText,
            name => lookup.TryGetValue(name, out var parameter) ? (true, parameter.Value) : (false, null),
            (builder, value) => LiteralWriter.Write(builder, value, session.Escape),
            connection.Settings.AllowUserVariables);
        var result = session.Execute(sql);
        if (result.RecordsAffected >= 0)
        {
            LastInsertedId = unchecked((long)result.LastInsertId);
        }

        return result;
    }
}
