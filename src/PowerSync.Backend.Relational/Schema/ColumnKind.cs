namespace PowerSync.Backend.Relational.Schema;

/// <summary>
/// What a column holds, as far as converting client values goes. Each dialect maps its own types onto these
/// kinds (domains as their base type); the rules of each kind are shared, only the output spelling is the dialect's.
/// </summary>
internal enum ColumnKind
{
    /// <summary>A type without rules of its own: the value's text, checked by the server.</summary>
    Other,

    /// <summary>A boolean (including MySQL's <c>tinyint(1)</c>).</summary>
    Boolean,

    /// <summary>An integer type; <see cref="RelationalColumn.Range"/> holds its bounds.</summary>
    Integer,

    /// <summary>An exact decimal number: text keeps every digit the client sent.</summary>
    Decimal,

    /// <summary>A binary floating-point number.</summary>
    Float,

    /// <summary>A UUID.</summary>
    Uuid,

    /// <summary>Character text; <see cref="RelationalColumn.MaxLength"/> bounds it.</summary>
    Text,

    /// <summary>JSON, which must parse.</summary>
    Json,

    /// <summary>A date and time without a zone: instants are stored as their UTC clock.</summary>
    Timestamp,

    /// <summary>An instant (a date and time with a zone).</summary>
    TimestampTz,

    /// <summary>A calendar date.</summary>
    Date,

    /// <summary>A time of day.</summary>
    Time,

    /// <summary>Bytes, sent by clients as base64.</summary>
    Binary,

    /// <summary>One of <see cref="RelationalColumn.EnumLabels"/>.</summary>
    Enum,

    /// <summary>A one-dimensional array of <see cref="RelationalColumn.ElementKind"/>, sent as a JSON array.</summary>
    Array,
}
