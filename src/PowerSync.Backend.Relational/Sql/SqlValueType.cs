namespace PowerSync.Backend.Relational.Sql;

/// <summary>The parameter types the shared layer sends; each dialect maps them to its driver's parameters.</summary>
internal enum SqlValueType
{
    /// <summary>Text (<see cref="string"/> or <see langword="null"/>).</summary>
    Text,

    /// <summary>A 32-bit integer (<see cref="int"/> or <see langword="null"/>).</summary>
    Int32,

    /// <summary>A 64-bit integer (<see cref="long"/> or <see langword="null"/>).</summary>
    Int64,

    /// <summary>JSON text (<see cref="string"/> or <see langword="null"/>).</summary>
    Json,

    /// <summary>An instant (<see cref="DateTimeOffset"/>).</summary>
    Instant,

    /// <summary>An array of text (<see cref="string"/>[], elements may be <see langword="null"/>), for dialects with array parameters.</summary>
    TextArray,
}
