using System.Data.Common;
using System.Globalization;

namespace PowerSync.Backend.MySql;

/// <summary>
/// The numbered SQL scripts that create the ledger and dead-letter tables, applied once each under
/// <c>GET_LOCK</c> and recorded in <c>schema_migrations</c>. DBAs who apply them by hand can get the text from
/// <see cref="GetScript"/>. MySQL commits DDL implicitly, so each script is idempotent (<c>IF NOT EXISTS</c>).
/// </summary>
public static class MySqlMigrations
{
    private const string ResourcePrefix = "PowerSync.Backend.MySql.Migrations.";
    private const string LockName = "powersync_backend_migrations";

    /// <summary>The scripts, in the order they apply: (version, file name).</summary>
    public static IReadOnlyList<(int Version, string Name)> Scripts { get; } = typeof(MySqlMigrations).Assembly
        .GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
        .Select(name => name[ResourcePrefix.Length..])
        .Select(name => (int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture), name))
        .OrderBy(script => script.Item1)
        .ToArray();

    /// <summary>Returns every script for <paramref name="database"/>, ready to run by hand (<c>mysql &lt; file</c>).</summary>
    /// <param name="database">The database that holds the ledger and dead-letter tables.</param>
    /// <returns>The SQL.</returns>
    public static string GetScript(string database)
    {
        var quoted = MySqlIdentifier.Quote(database);
        return Header(quoted) + string.Concat(Scripts.Select(script =>
            Read(script.Name, quoted) + $"\nINSERT IGNORE INTO {quoted}.schema_migrations (version) VALUES ({script.Version.ToString(CultureInfo.InvariantCulture)});\n"));
    }

    /// <summary>Applies the scripts the database lacks. Safe to call from many instances at once.</summary>
    /// <param name="dataSource">The server.</param>
    /// <param name="database">The database that holds the ledger and dead-letter tables.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>The versions applied now.</returns>
    public static async Task<IReadOnlyList<int>> ApplyAsync(DbDataSource dataSource, string database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var quoted = MySqlIdentifier.Quote(database);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var locked = await ScalarAsync(connection, $"SELECT GET_LOCK('{LockName}', 60)", cancellationToken).ConfigureAwait(false);
            if (Convert.ToInt64(locked ?? 0, CultureInfo.InvariantCulture) != 1)
            {
                throw new TimeoutException("Another instance held the PowerSync migration lock for 60 seconds.");
            }

            try
            {
                await ExecuteAsync(connection, Header(quoted), cancellationToken).ConfigureAwait(false);
                var applied = new HashSet<int>();
                var read = connection.CreateCommand();
                await using (read.ConfigureAwait(false))
                {
                    read.CommandText = $"SELECT version FROM {quoted}.schema_migrations";
                    var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            applied.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
                        }
                    }
                }

                var now = new List<int>();
                foreach (var (version, name) in Scripts.Where(script => !applied.Contains(script.Version)))
                {
                    await ExecuteAsync(
                        connection,
                        Read(name, quoted) + $"\nINSERT INTO {quoted}.schema_migrations (version) VALUES ({version.ToString(CultureInfo.InvariantCulture)});",
                        cancellationToken).ConfigureAwait(false);
                    now.Add(version);
                }

                return now;
            }
            finally
            {
                await ExecuteAsync(connection, $"DO RELEASE_LOCK('{LockName}')", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static string Header(string quoted) =>
        $"CREATE DATABASE IF NOT EXISTS {quoted} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;\n" +
        $"CREATE TABLE IF NOT EXISTS {quoted}.schema_migrations (version INT NOT NULL PRIMARY KEY, applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB;\n";

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Read(string name, string quotedDatabase)
    {
        using var stream = typeof(MySqlMigrations).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"Migration '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("{{schema}}", quotedDatabase, StringComparison.Ordinal);
    }
}
