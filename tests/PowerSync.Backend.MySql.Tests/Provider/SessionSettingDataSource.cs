using System.Data.Common;
using PowerSync.Backend.MySql.TestDriver;

namespace PowerSync.Backend.MySql.Tests.Provider;

/// <summary>The test server's data source, with a session setting run on every connection it opens.</summary>
internal sealed class SessionSettingDataSource(MariaDbDataSource inner, string setting) : DbDataSource
{
    public override string ConnectionString => inner.ConnectionString;

    protected override DbConnection CreateDbConnection() => inner.CreateConnection();

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = setting;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    protected override DbConnection OpenDbConnection()
    {
        var connection = CreateDbConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = setting;
        command.ExecuteNonQuery();
        return connection;
    }
}
