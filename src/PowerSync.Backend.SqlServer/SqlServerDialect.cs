using System.Data.Common;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Relational.Applying;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Sql;
using PowerSync.Backend.Relational.Values;
using PowerSync.Backend.SqlServer.Schema;
using PowerSync.Backend.SqlServer.Sql;

namespace PowerSync.Backend.SqlServer;

/// <summary>
/// SQL Server's part of the relational layer: the <c>sys</c> catalog, JSON runs read through <c>OPENJSON</c>, any
/// ADO.NET driver (a <see cref="DbBatch"/> when it has one, else one command text), error numbers 207/208 as schema
/// errors, <c>sp_set_session_context</c> for row-level security, and the ledger SQL.
/// </summary>
/// <remarks>
/// Every parameter is named. Names are unique across the statements that may share one command text: data
/// statements use <c>@j</c> and their ordinal, the ledger lock <c>@l_</c>, its advance <c>@a_</c>, the raise
/// <c>@r_</c>, dead letters <c>@d_</c>, the user <c>@u_</c>, and conflict-row reads <c>@k</c> and a counter.
/// A constraint error ends only its own statement unless the session sets <c>XACT_ABORT</c>, so later statements of
/// the same command text may still run; that is harmless because the store never commits after a failure and disposes
/// the transaction, which rolls all of it back.
/// </remarks>
internal sealed partial class SqlServerDialect : RelationalDialect
{
    private static readonly ValueConverter Converter = new(SqlServerValueFormatter.Instance);
    private readonly DbDataSource _dataSource;
    private readonly SqlServerBackendOptions _options;
    private readonly SqlServerParameters _parameters;
    private readonly string _ledger;
    private readonly string _deadLetters;
    private int _rowSelects;

    /// <summary>Creates the dialect.</summary>
    public SqlServerDialect(DbDataSource dataSource, SqlServerBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _options = options;
        _parameters = new SqlServerParameters(dataSource);
        _ledger = SqlServerIdentifier.Quote(options.LedgerSchema) + ".ledger";
        _deadLetters = SqlServerIdentifier.Quote(options.LedgerSchema) + ".dead_letters";
    }

    /// <inheritdoc />
    public override ValueConverter Values => Converter;

    /// <inheritdoc />
    public override IStatementBuilder Statements => SqlServerStatementBuilder.Instance;

    /// <inheritdoc />
    public override IErrorClassifier Classifier { get; } = new SqlServerErrorClassifier();

    /// <inheritdoc />
    public override Task<RelationalCatalog> ReadCatalogAsync(CancellationToken cancellationToken) =>
        SqlServerCatalogReader.ReadAsync(_dataSource, CreateParameter, _options.Schema, _options.IdColumn, cancellationToken);

    /// <inheritdoc />
    public override Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken) =>
        SqlServerMigrations.ApplyAsync(_dataSource, _options.LedgerSchema, cancellationToken);

    /// <summary>207 (invalid column) and 208 (invalid object): the table changed under the cached catalog.</summary>
    public override bool IsSchemaError(DbException exception) => SqlServerErrorClassifier.NumberOf(exception) is 207 or 208;

    /// <inheritdoc />
    public override DbParameter CreateParameter(SqlValue value) => _parameters.Create(value);

    /// <inheritdoc />
    public override StatementBatch CreateBatch(DbConnection connection, DbTransaction transaction) =>
        StatementBatch.Create(connection, transaction, CreateParameter);

    /// <summary>
    /// <c>sp_set_session_context</c> with the configured key. Session context lives as long as the connection's
    /// session; pooled connections are reset before reuse, and every transaction sets it again.
    /// </summary>
    public override SqlStatement? SetUser(string userId) => _options.SessionContextKey is { } key
        ? new SqlStatement("EXEC sp_set_session_context @key = @u_key, @value = @u_value", SqlValue.Text(key, "@u_key"), SqlValue.Text(userId, "@u_value"))
        : null;

    /// <inheritdoc />
    public override SqlStatement SelectRowsForUpdate(RelationalTable table, string[] ids)
    {
        // Several tables' reads share one command text, so each needs a parameter name of its own.
        var parameter = "@k" + (Interlocked.Increment(ref _rowSelects) & 0xFFFF).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new SqlStatement(SqlServerRowSelect.ForUpdate(table, parameter), SqlValue.Json(SqlServerJson.Strings(ids), parameter));
    }
}
