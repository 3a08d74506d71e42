namespace PowerSync.Backend.Postgres.Schema;

/// <summary>How values for a column's type are checked and converted (domains count as their base type).</summary>
internal enum PostgresTypeKind
{
    Other,
    Boolean,
    Int16,
    Int32,
    Int64,
    Numeric,
    Float4,
    Float8,
    Uuid,
    Text,
    Json,
    Timestamp,
    TimestampTz,
    Date,
    Time,
    Bytea,
    Enum,
    Array,
}
