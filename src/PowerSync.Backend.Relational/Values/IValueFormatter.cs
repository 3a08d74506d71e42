namespace PowerSync.Backend.Relational.Values;

/// <summary>
/// How a dialect spells converted values. <see cref="ValueConverter"/> decides what each column kind accepts (the
/// rules every SQL provider shares); the formatter only writes the accepted value in the text form its statements
/// expect (for example <c>true</c> or <c>1</c> for a boolean).
/// </summary>
internal interface IValueFormatter
{
    /// <summary>A boolean.</summary>
    string Boolean(bool value);

    /// <summary>
    /// Whether ISO text of <paramref name="shape"/> can go to a timestamp column as the client wrote it, skipping a
    /// parse and a format: only when the database reads the same value from it as from <see cref="Instant"/>.
    /// </summary>
    /// <param name="shape">The text's shape (never <see cref="IsoTimestampShape.None"/>).</param>
    /// <param name="zoned">Whether the column has a zone (<see cref="Schema.ColumnKind.TimestampTz"/>).</param>
    bool KeepsIsoText(IsoTimestampShape shape, bool zoned);

    /// <summary>An instant for a timestamp column; a column without a zone stores its UTC clock.</summary>
    /// <param name="instant">The instant.</param>
    /// <param name="zoned">Whether the column has a zone (<see cref="Schema.ColumnKind.TimestampTz"/>).</param>
    string Instant(DateTimeOffset instant, bool zoned);

    /// <summary>Bytes for a binary column.</summary>
    string Binary(ReadOnlySpan<byte> bytes);

    /// <summary>A one-dimensional array of converted elements (<see langword="null"/> for SQL NULL).</summary>
    /// <remarks>Only dialects with array types have <see cref="Schema.ColumnKind.Array"/> columns.</remarks>
    string Array(IReadOnlyList<string?> elements);
}
