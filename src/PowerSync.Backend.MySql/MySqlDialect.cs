using System.Data.Common;
using System.Globalization;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.MySql.Schema;
using PowerSync.Backend.MySql.Sql;
using PowerSync.Backend.Relational.Applying;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Sql;
using PowerSync.Backend.Relational.Values;

namespace PowerSync.Backend.MySql;

/// <summary>
/// MySQL's and MariaDB's part of the relational layer: <c>information_schema</c>, multi-row upserts in the server's
/// spelling, named parameters made by the application's driver, <c>DbBatch</c> or multi-statement text, errors 1054
/// and 1146 as schema errors, and the ledger SQL. The server (flavour, version, <c>max_allowed_packet</c>, database)
/// is read at first use.
/// </summary>
internal sealed partial class MySqlDialect : RelationalDialect, IDisposable
{
    private readonly DbDataSource _dataSource;
    private readonly MySqlBackendOptions _options;
    private readonly MySqlParameters _parameters;
    private readonly string _ledger;
    private readonly string _deadLetters;
    private readonly SemaphoreSlim _detecting = new(1, 1);
    private MySqlServerInfo? _server;
    private readonly DetectedStatementBuilder _statements = new();
    private long _selects;

    /// <summary>Creates the dialect.</summary>
    public MySqlDialect(DbDataSource dataSource, MySqlBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _options = options;
        _parameters = new MySqlParameters(dataSource);
        Values = new ValueConverter(new MySqlValueFormatter(options.TimeZone));
        _ledger = MySqlIdentifier.Quote(options.LedgerDatabase) + ".ledger";
        _deadLetters = MySqlIdentifier.Quote(options.LedgerDatabase) + ".dead_letters";
    }

    /// <inheritdoc />
    public override ValueConverter Values { get; }

    /// <summary>The builder for the detected server; the catalog (read first by every apply) detects it.</summary>
    public override IStatementBuilder Statements => _statements;

    /// <inheritdoc />
    public override IErrorClassifier Classifier { get; } = new MySqlErrorClassifier();

    /// <summary>The detected server, once known.</summary>
    public MySqlServerInfo? Server => _server;

    /// <inheritdoc />
    public override async Task<RelationalCatalog> ReadCatalogAsync(CancellationToken cancellationToken)
    {
        var server = await DetectAsync(cancellationToken).ConfigureAwait(false);
        return await MySqlCatalogReader.ReadAsync(_dataSource, server, _options.IdColumn, _options.BinaryUuids, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await DetectAsync(cancellationToken).ConfigureAwait(false);
        return await MySqlMigrations.ApplyAsync(_dataSource, _options.LedgerDatabase, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>1054 (unknown column) and 1146 (unknown table): the cached catalog is out of date.</summary>
    public override bool IsSchemaError(DbException exception) => MySqlErrorInfo.From(exception)?.Number is 1054 or 1146;

    /// <inheritdoc />
    public override DbParameter CreateParameter(SqlValue value) => _parameters.Create(value);

    /// <summary>
    /// The driver's <see cref="DbBatch"/> when it has one (MySqlConnector), else multi-statement command text, cut
    /// so that no command outgrows half of <c>max_allowed_packet</c>.
    /// </summary>
    public override StatementBatch CreateBatch(DbConnection connection, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.CanCreateBatch
            ? StatementBatch.Create(connection, transaction, CreateParameter)
            : new PacketBoundStatementBatch(connection, transaction, CreateParameter, Math.Max(64 * 1024, (_server?.MaxAllowedPacket ?? 4 * 1024 * 1024) / 2));
    }

    /// <summary>MySQL has no transaction-local settings; row-level security is not a MySQL feature, so nothing is set.</summary>
    public override SqlStatement? SetUser(string userId) => null;

    /// <inheritdoc />
    public override SqlStatement SelectRowsForUpdate(RelationalTable table, string[] ids)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ids);
        var prefix = "@r" + Interlocked.Increment(ref _selects).ToString(CultureInfo.InvariantCulture) + "_";
        return MySqlRowSelect.ForUpdate(table, ids, prefix);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _detecting.Dispose();
        _parameters.Dispose();
    }

    /// <summary>Reads the server once (again after a failed attempt) and builds the statement builder for it.</summary>
    private async Task<MySqlServerInfo> DetectAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _server) is { } known)
        {
            return known;
        }

        await _detecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_server is { } raced)
            {
                return raced;
            }

            var server = await MySqlServerInfo.ReadAsync(_dataSource, _options.Database, cancellationToken).ConfigureAwait(false);
            // A statement must stay well under max_allowed_packet, which bounds the whole command text.
            var bytes = Math.Max(1024, Math.Min(_options.MaxBytesPerStatement, server.MaxAllowedPacket / 4));
            _statements.Inner = new MySqlStatementBuilder(server.Flavor, new MySqlStatementLimits(_options.MaxRowsPerStatement, _options.MaxParametersPerStatement, bytes));
            Volatile.Write(ref _server, server);
            return server;
        }
        finally
        {
            _detecting.Release();
        }
    }
}
