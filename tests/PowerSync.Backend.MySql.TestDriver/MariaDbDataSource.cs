using System.Data.Common;
using PowerSync.Backend.MySql.TestDriver.Internal;

namespace PowerSync.Backend.MySql.TestDriver;

/// <summary>
/// A <see cref="DbDataSource"/> handing out <see cref="MariaDbConnection"/>s: what the MySQL provider takes, so tests
/// give it this where applications give it MySqlConnector's <c>MySqlDataSource</c>.
/// </summary>
/// <remarks>
/// Connection string keys (case-insensitive, as in MySqlConnector): <c>Server</c>/<c>Host</c>, <c>Port</c>,
/// <c>User</c>/<c>User Id</c>/<c>Uid</c>, <c>Password</c>/<c>Pwd</c>, <c>Database</c>, <c>Connection Timeout</c>,
/// <c>Default Command Timeout</c>, <c>Use Affected Rows</c>, <c>Allow User Variables</c>,
/// <c>Treat Tiny As Boolean</c>, <c>GuidFormat</c> (Default/Char36/None), <c>Convert Zero DateTime</c>.
/// The string is validated here, so a bad key fails at construction rather than at the first open.
/// </remarks>
public sealed class MariaDbDataSource : DbDataSource
{
    private readonly string _connectionString;

    /// <summary>Creates a data source for <paramref name="connectionString"/>.</summary>
    /// <exception cref="ArgumentException">The connection string has an unknown key or an invalid value.</exception>
    public MariaDbDataSource(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        _ = MariaDbConnectionSettings.Parse(connectionString);
        _connectionString = connectionString;
    }

    /// <inheritdoc />
    public override string ConnectionString => _connectionString;

    /// <inheritdoc cref="DbDataSource.CreateConnection" />
    public new MariaDbConnection CreateConnection() => new(_connectionString);

    /// <inheritdoc cref="DbDataSource.OpenConnection" />
    public new MariaDbConnection OpenConnection()
    {
        var connection = CreateConnection();
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc cref="DbDataSource.OpenConnectionAsync" />
    public new async ValueTask<MariaDbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        (MariaDbConnection)await base.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override DbConnection CreateDbConnection() => CreateConnection();
}
