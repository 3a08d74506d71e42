using System.Data;
using System.Data.Common;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.SqlServer.Sql;

/// <summary>
/// Named parameters (<c>@name</c>) for the shared layer's values, made by the application's own driver (its
/// <see cref="DbProviderFactory"/>, found from a connection of the data source), typed with <see cref="DbType"/>.
/// </summary>
internal sealed class SqlServerParameters
{
    private readonly DbDataSource _dataSource;
    private DbProviderFactory? _factory;

    /// <summary>Creates the parameter maker for <paramref name="dataSource"/>'s driver.</summary>
    public SqlServerParameters(DbDataSource dataSource) => _dataSource = dataSource;

    /// <summary>The parameter for <paramref name="value"/>; every value the dialect makes is named.</summary>
    public DbParameter Create(SqlValue value)
    {
        var parameter = Factory().CreateParameter() ?? throw new InvalidOperationException("The driver's factory made no parameter.");
        parameter.ParameterName = value.Name ?? throw new ArgumentException("SQL Server statements use named parameters.", nameof(value));
        Describe(parameter, value);
        return parameter;
    }

    /// <summary>Sets the type, size and value; text is <c>nvarchar(max)</c> so plans do not vary with lengths.</summary>
    internal static void Describe(DbParameter parameter, SqlValue value)
    {
        (parameter.DbType, parameter.Value) = value.Type switch
        {
            SqlValueType.Text or SqlValueType.Json => (DbType.String, value.Value ?? DBNull.Value),
            SqlValueType.Int32 => (DbType.Int32, value.Value ?? DBNull.Value),
            SqlValueType.Int64 => (DbType.Int64, value.Value ?? DBNull.Value),
            SqlValueType.Instant => (DbType.DateTimeOffset, value.Value ?? DBNull.Value),
            _ => throw new ArgumentOutOfRangeException(nameof(value), value.Type, "SQL Server statements send no arrays: batches travel as JSON text."),
        };
        if (value.Type is SqlValueType.Text or SqlValueType.Json)
        {
            parameter.Size = -1;
        }
    }

    private DbProviderFactory Factory()
    {
        if (Volatile.Read(ref _factory) is { } factory)
        {
            return factory;
        }

        using var connection = _dataSource.CreateConnection();
        factory = DbProviderFactories.GetFactory(connection) ?? throw new InvalidOperationException(
            $"The connection type {connection.GetType()} names no DbProviderFactory, so the provider cannot make its parameters.");
        Volatile.Write(ref _factory, factory);
        return factory;
    }
}
