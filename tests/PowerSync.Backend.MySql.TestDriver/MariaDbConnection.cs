using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using PowerSync.Backend.MySql.TestDriver.Internal;

namespace PowerSync.Backend.MySql.TestDriver;

/// <summary>
/// One connection to a MySQL/MariaDB server through <c>libmariadb.so.3</c>: one native <c>MYSQL*</c>,
/// opened by <see cref="Open"/> and closed by <see cref="Close"/>. There is no pool; opening costs one TCP
/// handshake (about a millisecond on the loopback), which the tests can afford.
/// </summary>
/// <remarks>
/// Behaves like MySqlConnector where the tests could notice: one active transaction per connection, which every
/// command must name; one open reader at a time; the connection is closed (not broken) by <see cref="Close"/> and
/// can be reopened.
/// </remarks>
public sealed class MariaDbConnection : DbConnection
{
    private string _connectionString;
    private MariaDbConnectionSettings _settings;
    private MariaDbSession? _session;
    private string? _database;

    /// <summary>Creates a closed connection without a connection string.</summary>
    public MariaDbConnection()
        : this(string.Empty)
    {
    }

    /// <summary>Creates a closed connection for <paramref name="connectionString"/>.</summary>
    public MariaDbConnection(string connectionString)
    {
        _connectionString = connectionString;
        _settings = MariaDbConnectionSettings.Parse(connectionString);
    }

    /// <inheritdoc />
    [AllowNull]
    public override string ConnectionString
    {
        get => _connectionString;
        set
        {
            if (_session is not null)
            {
                throw new InvalidOperationException("The connection string cannot be changed while the connection is open.");
            }

            _settings = MariaDbConnectionSettings.Parse(value ?? string.Empty);
            _connectionString = value ?? string.Empty;
        }
    }

    /// <inheritdoc />
    public override string Database => _database ?? _settings.Database ?? string.Empty;

    /// <inheritdoc />
    public override string DataSource => _settings.Host;

    /// <inheritdoc />
    /// <remarks>The server's own version string (<c>mysql_get_server_info</c>), e.g. <c>10.11.19-MariaDB-0+deb12u1</c>.</remarks>
    public override string ServerVersion => Session.ServerVersion;

    /// <summary>The server's id for this connection (<c>CONNECTION_ID()</c>), as MySqlConnector's <c>ServerThread</c>.</summary>
    public int ServerThread => checked((int)Session.ThreadId);

    /// <inheritdoc />
    public override ConnectionState State => _session is null ? ConnectionState.Closed : ConnectionState.Open;

    /// <summary>The transaction begun on this connection and not yet committed or rolled back.</summary>
    internal MariaDbTransaction? CurrentTransaction { get; set; }

    internal MariaDbConnectionSettings Settings => _settings;

    internal MariaDbSession Session => _session ?? throw new InvalidOperationException("The connection is not open.");

    private MariaDbDataReader? ActiveReader { get; set; }

    /// <inheritdoc />
    /// <exception cref="MariaDbException">The server cannot be reached or refused the login (e.g. 2002/2003, 1045).</exception>
    public override void Open()
    {
        if (_session is not null)
        {
            throw new InvalidOperationException("The connection is already open.");
        }

        _session = MariaDbSession.Connect(_settings);
        _database = _settings.Database;
    }

    /// <inheritdoc />
    /// <remarks>Closing ends any open transaction on the server, which rolls it back.</remarks>
    public override void Close()
    {
        ActiveReader = null;
        CurrentTransaction = null;
        var session = _session;
        _session = null;
        session?.Dispose();
    }

    /// <inheritdoc />
    public override void ChangeDatabase(string databaseName)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseName);
        Session.SelectDatabase(databaseName);
        _database = databaseName;
    }

    /// <inheritdoc cref="DbConnection.CreateCommand" />
    public new MariaDbCommand CreateCommand() => new() { Connection = this };

    /// <inheritdoc cref="DbConnection.BeginTransaction()" />
    public new MariaDbTransaction BeginTransaction() => BeginTransaction(IsolationLevel.Unspecified);

    /// <summary>
    /// Starts a transaction: <c>SET TRANSACTION ISOLATION LEVEL …</c> when a level is given, then
    /// <c>START TRANSACTION</c> (<c>WITH CONSISTENT SNAPSHOT</c> for <see cref="IsolationLevel.Snapshot"/>).
    /// </summary>
    public new MariaDbTransaction BeginTransaction(IsolationLevel isolationLevel)
    {
        if (CurrentTransaction is not null)
        {
            throw new InvalidOperationException("Transactions may not be nested.");
        }

        var level = isolationLevel switch
        {
            IsolationLevel.Unspecified => null,
            IsolationLevel.ReadUncommitted => "READ UNCOMMITTED",
            IsolationLevel.ReadCommitted => "READ COMMITTED",
            IsolationLevel.RepeatableRead or IsolationLevel.Snapshot => "REPEATABLE READ",
            IsolationLevel.Serializable => "SERIALIZABLE",
            _ => throw new NotSupportedException($"Isolation level {isolationLevel} is not supported."),
        };
        var start = isolationLevel == IsolationLevel.Snapshot ? "START TRANSACTION WITH CONSISTENT SNAPSHOT" : "START TRANSACTION";
        ExecuteInternal(level is null ? start : $"SET TRANSACTION ISOLATION LEVEL {level}; {start}");
        var transaction = new MariaDbTransaction(this, isolationLevel);
        CurrentTransaction = transaction;
        return transaction;
    }

    /// <inheritdoc cref="DbConnection.BeginTransactionAsync(CancellationToken)" />
    public new ValueTask<MariaDbTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default) =>
        BeginTransactionAsync(IsolationLevel.Unspecified, cancellationToken);

    /// <inheritdoc cref="DbConnection.BeginTransactionAsync(IsolationLevel, CancellationToken)" />
    public new async ValueTask<MariaDbTransaction> BeginTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken = default) =>
        (MariaDbTransaction)await base.BeginTransactionAsync(isolationLevel, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => BeginTransaction(isolationLevel);

    /// <inheritdoc />
    protected override DbCommand CreateDbCommand() => CreateCommand();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    /// <summary>Runs driver-issued SQL (transaction control) outside any command.</summary>
    internal void ExecuteInternal(string sql)
    {
        EnsureNoActiveReader();
        Session.Execute(sql);
    }

    /// <summary>Refuses a command while another reader is open, as MySqlConnector does.</summary>
    internal void EnsureNoActiveReader()
    {
        if (ActiveReader is not null)
        {
            throw new InvalidOperationException("There is already an open DataReader associated with this Connection which must be closed first.");
        }
    }

    internal void ReaderOpened(MariaDbDataReader reader) => ActiveReader = reader;

    internal void ReaderClosed(MariaDbDataReader reader)
    {
        if (ReferenceEquals(ActiveReader, reader))
        {
            ActiveReader = null;
        }
    }
}
