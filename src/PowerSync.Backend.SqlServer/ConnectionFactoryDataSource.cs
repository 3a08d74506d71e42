using System.Data.Common;

namespace PowerSync.Backend.SqlServer;

/// <summary>A <see cref="DbDataSource"/> over a connection factory, for drivers or applications without a data source of their own.</summary>
internal sealed class ConnectionFactoryDataSource : DbDataSource
{
    private readonly Func<DbConnection> _factory;

    /// <summary>Creates the data source.</summary>
    /// <param name="factory">Makes a new, closed connection each call.</param>
    public ConnectionFactoryDataSource(Func<DbConnection> factory) => _factory = factory;

    /// <summary>Empty: the factory holds the connection string.</summary>
    public override string ConnectionString => string.Empty;

    /// <inheritdoc />
    protected override DbConnection CreateDbConnection() =>
        _factory() ?? throw new InvalidOperationException("The SQL Server connection factory returned null.");
}
