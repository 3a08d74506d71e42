using Npgsql;
using NpgsqlTypes;
using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.Postgres.Sql;

/// <summary>Npgsql parameters for the shared layer's values: positional (<c>$1…$n</c>), typed explicitly.</summary>
internal static class PostgresParameters
{
    /// <summary>The parameter for <paramref name="value"/>.</summary>
    public static NpgsqlParameter Create(SqlValue value)
    {
        var parameter = value.Type switch
        {
            SqlValueType.TextArray => new NpgsqlParameter { Value = value.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            SqlValueType.Text => new NpgsqlParameter { Value = value.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            SqlValueType.Int32 => new NpgsqlParameter { Value = value.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
            SqlValueType.Int64 => new NpgsqlParameter { Value = value.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
            SqlValueType.Json => new NpgsqlParameter { Value = value.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb },
            // Npgsql writes timestamptz only from UTC values.
            SqlValueType.Instant => new NpgsqlParameter { Value = ((DateTimeOffset)value.Value!).ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz },
            _ => throw new ArgumentOutOfRangeException(nameof(value), value.Type, "Unknown parameter type."),
        };
        if (value.Name is { } name)
        {
            parameter.ParameterName = name;
        }

        return parameter;
    }
}
