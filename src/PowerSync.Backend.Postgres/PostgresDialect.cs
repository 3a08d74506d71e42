using System.Data.Common;
using Npgsql;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Postgres.Schema;
using PowerSync.Backend.Postgres.Sql;
using PowerSync.Backend.Relational.Applying;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Sql;
using PowerSync.Backend.Relational.Values;

namespace PowerSync.Backend.Postgres;

/// <summary>
/// PostgreSQL's part of the relational layer: <c>pg_catalog</c>, text arrays cast in SQL, <c>NpgsqlBatch</c>,
/// SQLSTATE class <c>42</c> as schema errors, <c>set_config</c> for row-level security, and the ledger SQL.
/// </summary>
internal sealed partial class PostgresDialect : RelationalDialect
{
    private static readonly ValueConverter Converter = new(PostgresValueFormatter.Instance);
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresBackendOptions _options;
    private readonly string _ledger;
    private readonly string _deadLetters;

    /// <summary>Creates the dialect.</summary>
    public PostgresDialect(NpgsqlDataSource dataSource, PostgresBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _options = options;
        _ledger = PostgresIdentifier.Quote(options.LedgerSchema) + ".ledger";
        _deadLetters = PostgresIdentifier.Quote(options.LedgerSchema) + ".dead_letters";
    }

    /// <inheritdoc />
    public override ValueConverter Values => Converter;

    /// <inheritdoc />
    public override IStatementBuilder Statements => PostgresStatementBuilder.Instance;

    /// <inheritdoc />
    public override IErrorClassifier Classifier { get; } = new PostgresErrorClassifier();

    /// <inheritdoc />
    public override Task<RelationalCatalog> ReadCatalogAsync(CancellationToken cancellationToken) =>
        PostgresCatalogReader.ReadAsync(_dataSource, _options.Schema, _options.IdColumn, cancellationToken);

    /// <inheritdoc />
    public override Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken) =>
        PostgresMigrations.ApplyAsync(_dataSource, _options.LedgerSchema, cancellationToken);

    /// <summary>SQLSTATE class <c>42</c>: an undefined table or column, or another mismatch with the cached catalog.</summary>
    public override bool IsSchemaError(DbException exception) =>
        exception is PostgresException failure && failure.SqlState.StartsWith("42", StringComparison.Ordinal);

    /// <inheritdoc />
    public override DbParameter CreateParameter(SqlValue value) => PostgresParameters.Create(value);

    /// <inheritdoc />
    public override StatementBatch CreateBatch(DbConnection connection, DbTransaction transaction) =>
        new NpgsqlStatementBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);

    /// <summary><c>set_config(UserIdSetting, user, true)</c>: local to the transaction, so pooled connections never leak it.</summary>
    public override SqlStatement? SetUser(string userId) =>
        _options.UserIdSetting is { } setting ? new SqlStatement("SELECT set_config($1, $2, true)", SqlValue.Text(setting), SqlValue.Text(userId)) : null;

    /// <inheritdoc />
    public override SqlStatement SelectRowsForUpdate(RelationalTable table, string[] ids) =>
        new(PostgresRowSelect.ForUpdate(table), SqlValue.TextArray(ids));
}
