using System.Data.Common;

namespace PowerSync.Backend.MySql;

/// <summary>A <see cref="DbDataSource"/> over an application's connection factory, for drivers without a data source.</summary>
internal sealed class ConnectionFactoryDataSource : DbDataSource
{
    private readonly Func<DbConnection> _factory;

    /// <summary>Creates the data source.</summary>
    public ConnectionFactoryDataSource(Func<DbConnection> factory) => _factory = factory;

    /// <inheritdoc />
    public override string ConnectionString => string.Empty;

    /// <inheritdoc />
    protected override DbConnection CreateDbConnection() => _factory();
}
