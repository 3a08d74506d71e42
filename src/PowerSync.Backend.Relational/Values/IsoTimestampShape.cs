namespace PowerSync.Backend.Relational.Values;

/// <summary>The form of a client's timestamp text, as far as a dialect may pass it to the database as it is.</summary>
internal enum IsoTimestampShape
{
    /// <summary>Not a well-formed ISO-8601 timestamp (or not text): it takes the general path.</summary>
    None,

    /// <summary>An ISO timestamp without a zone (<c>2024-05-01T10:00:00</c>).</summary>
    Unzoned,

    /// <summary>An ISO timestamp in UTC (<c>Z</c>, <c>+00:00</c> or <c>+00</c>).</summary>
    Utc,

    /// <summary>An ISO timestamp with another offset.</summary>
    Offset,
}
