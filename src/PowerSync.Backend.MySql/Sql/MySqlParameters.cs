using System.Data;
using System.Data.Common;
using System.Globalization;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.MySql.Sql;

/// <summary>Makes the driver's parameters through a command of the application's data source (no driver reference).</summary>
internal sealed class MySqlParameters : IDisposable
{
    private readonly DbCommand _factory;

    /// <summary>Creates the parameter factory.</summary>
    public MySqlParameters(DbDataSource dataSource) => _factory = dataSource.CreateCommand();

    /// <inheritdoc />
    public void Dispose() => _factory.Dispose();

    /// <summary>The parameter for <paramref name="value"/>: named (<c>@name</c> in the text, the bare name on the parameter), instants as UTC <c>DATETIME(6)</c> text.</summary>
    public DbParameter Create(SqlValue value)
    {
        var parameter = _factory.CreateParameter();
        var name = value.Name ?? throw new ArgumentException("MySQL statements use named parameters.", nameof(value));
        // Drivers match "p1" to "@p1" in the text; the bare name spares them a normalising copy per lookup.
        parameter.ParameterName = name.StartsWith('@') ? name[1..] : name;
        (parameter.DbType, parameter.Value) = value.Type switch
        {
            SqlValueType.Text or SqlValueType.Json => (DbType.String, value.Value ?? DBNull.Value),
            SqlValueType.Int32 => (DbType.Int32, value.Value ?? DBNull.Value),
            SqlValueType.Int64 => (DbType.Int64, value.Value ?? DBNull.Value),
            SqlValueType.Instant => (DbType.String, (object)((DateTimeOffset)value.Value!).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)),
            _ => throw new ArgumentOutOfRangeException(nameof(value), value.Type, "MySQL has no array parameters."),
        };
        return parameter;
    }
}
