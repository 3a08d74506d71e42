using System.Data;
using System.Data.Common;
using System.Globalization;

namespace PowerSync.Backend.SqlServer;

/// <summary>
/// The numbered T-SQL scripts that create the ledger and dead-letter tables, applied once each under an exclusive
/// <c>sp_getapplock</c> held by the transaction and recorded in <c>schema_migrations</c>. DBAs who apply them by hand
/// can get the text from <see cref="GetScript"/>.
/// </summary>
public static class SqlServerMigrations
{
    private const string ResourcePrefix = "PowerSync.Backend.SqlServer.Migrations.";

    /// <summary>The scripts, in the order they apply: (version, file name).</summary>
    public static IReadOnlyList<(int Version, string Name)> Scripts { get; } = typeof(SqlServerMigrations).Assembly
        .GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
        .Select(name => name[ResourcePrefix.Length..])
        .Select(name => (int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture), name))
        .OrderBy(script => script.Item1)
        .ToArray();

    /// <summary>Returns every script for <paramref name="schema"/>, separated by <c>GO</c>, ready to run by hand (<c>sqlcmd -i</c>).</summary>
    /// <param name="schema">The schema that holds the ledger and dead-letter tables.</param>
    /// <returns>The T-SQL.</returns>
    public static string GetScript(string schema)
    {
        // Run by hand, once: no application lock (it needs a transaction), the schema name as a literal.
        var header = Setup(schema).Replace("@schema", Literal(schema), StringComparison.Ordinal);
        return header + "\nGO\n" + string.Concat(Scripts.Select(script => Read(script.Name, schema) + "\n" + Record(schema, script.Version) + "\nGO\n"));
    }

    /// <summary>Applies the scripts the database lacks. Safe to call from many instances at once.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="schema">The schema that holds the ledger and dead-letter tables.</param>
    /// <param name="cancellationToken">Cancels the migration (it is rolled back).</param>
    /// <returns>The versions applied now.</returns>
    public static async Task<IReadOnlyList<int>> ApplyAsync(DbDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction, Prepare(schema), schema, cancellationToken).ConfigureAwait(false);
                var applied = new HashSet<int>();
                using (var read = Command(connection, transaction, $"SELECT version FROM {SqlServerIdentifier.Quote(schema)}.schema_migrations", schema: null))
                {
                    var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            applied.Add(reader.GetInt32(0));
                        }
                    }
                }

                var now = new List<int>();
                foreach (var (version, name) in Scripts.Where(script => !applied.Contains(script.Version)))
                {
                    await ExecuteAsync(connection, transaction, Read(name, schema) + "\n" + Record(schema, version), schema: null, cancellationToken).ConfigureAwait(false);
                    now.Add(version);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return now;
            }
        }
    }

    /// <summary>Takes the migration lock, creates the schema and the <c>schema_migrations</c> table; <c>@schema</c> is the schema name.</summary>
    internal static string Prepare(string schema) =>
        "DECLARE @lock int; EXEC @lock = sp_getapplock @Resource = N'PowerSync.Backend.migrations', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 60000; " +
        "IF @lock < 0 THROW 50000, N'PowerSync.Backend: the migration lock was not granted.', 1; " + Setup(schema);

    /// <summary>Creates the schema and the <c>schema_migrations</c> table when missing; <c>@schema</c> is the schema name.</summary>
    private static string Setup(string schema)
    {
        var quoted = SqlServerIdentifier.Quote(schema);
        return "IF SCHEMA_ID(@schema) IS NULL EXEC (N'CREATE SCHEMA ' + QUOTENAME(@schema)); " +
            $"IF OBJECT_ID(N'{Escape(quoted)}.schema_migrations', N'U') IS NULL " +
            $"CREATE TABLE {quoted}.schema_migrations (version int NOT NULL PRIMARY KEY, applied_at datetimeoffset(7) NOT NULL DEFAULT SYSDATETIMEOFFSET());";
    }

    /// <summary>A script with its placeholders replaced: <c>{{schema}}</c> (bracket-quoted) and <c>{{schema_literal}}</c> (the same inside <c>N'…'</c>).</summary>
    internal static string Read(string name, string schema)
    {
        using var stream = typeof(SqlServerMigrations).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"Migration '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        var quoted = SqlServerIdentifier.Quote(schema);
        return reader.ReadToEnd()
            .Replace("{{schema_literal}}", Escape(quoted), StringComparison.Ordinal)
            .Replace("{{schema}}", quoted, StringComparison.Ordinal);
    }

    private static string Record(string schema, int version) =>
        $"INSERT INTO {SqlServerIdentifier.Quote(schema)}.schema_migrations (version) VALUES ({version.ToString(CultureInfo.InvariantCulture)});";

    private static string Escape(string text) => text.Replace("'", "''", StringComparison.Ordinal);

    private static string Literal(string text) => "N'" + Escape(text) + "'";

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, string? schema, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, sql, schema);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, string? schema)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (schema is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@schema";
            parameter.DbType = DbType.String;
            parameter.Size = 128;
            parameter.Value = schema;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
