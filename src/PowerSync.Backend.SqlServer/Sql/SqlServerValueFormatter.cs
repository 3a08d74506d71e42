using System.Globalization;
using PowerSync.Backend.Relational.Values;

namespace PowerSync.Backend.SqlServer.Sql;

/// <summary>Values as T-SQL's <c>CAST</c> from <c>nvarchar</c> reads them: statements cast the JSON text to the column types.</summary>
internal sealed class SqlServerValueFormatter : IValueFormatter
{
    /// <summary>The formatter (stateless).</summary>
    public static SqlServerValueFormatter Instance { get; } = new();

    /// <summary><c>bit</c> reads <c>1</c> and <c>0</c>.</summary>
    public string Boolean(bool value) => value ? "1" : "0";

    /// <summary>
    /// Never: <c>CAST</c> to <c>datetime2</c> drops a zone instead of converting to UTC, and some ISO shapes depend on
    /// the session's language settings, so every instant is written in one unambiguous shape.
    /// </summary>
    public bool KeepsIsoText(IsoTimestampShape shape, bool zoned) => false;

    /// <summary>ISO 8601 with seven fraction digits: <c>datetimeoffset</c> keeps the offset, <c>datetime2</c> the UTC clock.</summary>
    public string Instant(DateTimeOffset instant, bool zoned) => zoned
        ? instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture)
        : instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    /// <summary>Hex with a <c>0x</c> prefix, which <c>CONVERT(varbinary, …, 1)</c> reads.</summary>
    public string Binary(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexString(bytes);

    /// <summary>SQL Server has no array columns, so the catalog never yields one.</summary>
    public string Array(IReadOnlyList<string?> elements) =>
        throw new NotSupportedException("SQL Server has no array columns.");
}
