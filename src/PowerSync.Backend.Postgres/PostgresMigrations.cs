using System.Globalization;
using System.Reflection;
using Npgsql;

namespace PowerSync.Backend.Postgres;

/// <summary>
/// The numbered SQL scripts that create the ledger and dead-letter tables, applied once each under an
/// advisory lock and recorded in <c>schema_migrations</c>. DBAs who apply them by hand can get the text
/// from <see cref="GetScript"/>.
/// </summary>
public static class PostgresMigrations
{
    private const string ResourcePrefix = "PowerSync.Backend.Postgres.Migrations.";

    // Any fixed number works: it only has to be the same for every instance of this library.
    private const long AdvisoryLockKey = 0x50_53_42_4B_4D_49_47; // "PSBKMIG"

    /// <summary>The scripts, in the order they apply: (version, file name).</summary>
    public static IReadOnlyList<(int Version, string Name)> Scripts { get; } = typeof(PostgresMigrations).Assembly
        .GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
        .Select(name => name[ResourcePrefix.Length..])
        .Select(name => (int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture), name))
        .OrderBy(script => script.Item1)
        .ToArray();

    /// <summary>Returns every script for <paramref name="schema"/>, ready to run by hand (<c>psql -f</c>).</summary>
    /// <param name="schema">The schema that holds the ledger and dead-letter tables.</param>
    /// <returns>The SQL.</returns>
    public static string GetScript(string schema)
    {
        var quoted = PostgresIdentifier.Quote(schema);
        var header = $"CREATE SCHEMA IF NOT EXISTS {quoted};\nCREATE TABLE IF NOT EXISTS {quoted}.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());\n";
        return header + string.Concat(Scripts.Select(script =>
            Read(script.Name, quoted) + $"\nINSERT INTO {quoted}.schema_migrations (version) VALUES ({script.Version.ToString(CultureInfo.InvariantCulture)}) ON CONFLICT DO NOTHING;\n"));
    }

    /// <summary>Applies the scripts the database lacks. Safe to call from many instances at once.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="schema">The schema that holds the ledger and dead-letter tables.</param>
    /// <param name="cancellationToken">Cancels the migration (it is rolled back).</param>
    /// <returns>The versions applied now.</returns>
    public static async Task<IReadOnlyList<int>> ApplyAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var quoted = PostgresIdentifier.Quote(schema);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using (var prepare = new NpgsqlCommand(
                    $"SELECT pg_advisory_xact_lock({AdvisoryLockKey.ToString(CultureInfo.InvariantCulture)}); " +
                    $"CREATE SCHEMA IF NOT EXISTS {quoted}; " +
                    $"CREATE TABLE IF NOT EXISTS {quoted}.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());",
                    connection,
                    transaction))
                {
                    await prepare.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var applied = new HashSet<int>();
                using (var read = new NpgsqlCommand($"SELECT version FROM {quoted}.schema_migrations", connection, transaction))
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
                    using var apply = new NpgsqlCommand(
                        Read(name, quoted) + $"\nINSERT INTO {quoted}.schema_migrations (version) VALUES ({version.ToString(CultureInfo.InvariantCulture)});",
                        connection,
                        transaction);
                    await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    now.Add(version);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return now;
            }
        }
    }

    private static string Read(string name, string quotedSchema)
    {
        using var stream = typeof(PostgresMigrations).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"Migration '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("{{schema}}", quotedSchema, StringComparison.Ordinal);
    }
}
