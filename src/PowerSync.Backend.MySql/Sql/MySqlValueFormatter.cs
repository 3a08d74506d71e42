using System.Globalization;
using PowerSync.Backend.Relational.Values;

namespace PowerSync.Backend.MySql.Sql;

/// <summary>
/// Values as MySQL reads them from text: <c>1</c>/<c>0</c> booleans, <c>yyyy-MM-dd HH:mm:ss.ffffff</c> date-times
/// (MySQL and MariaDB before 8.0.19 refuse zones in literals, so every instant is converted first), and hex bytes
/// that statements wrap in <c>UNHEX</c>.
/// </summary>
internal sealed class MySqlValueFormatter : IValueFormatter
{
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss.ffffff";
    private readonly TimeZoneInfo _zone;

    /// <summary>Creates the formatter.</summary>
    /// <param name="zone">The zone whose wall-clock time <c>DATETIME</c> columns hold.</param>
    public MySqlValueFormatter(TimeZoneInfo zone) => _zone = zone;

    /// <inheritdoc />
    public string Boolean(bool value) => value ? "1" : "0";

    /// <summary>Never: MySQL ignores or refuses the zone of ISO text, so every instant is converted.</summary>
    public bool KeepsIsoText(IsoTimestampShape shape, bool zoned) => false;

    /// <summary>
    /// A <c>TIMESTAMP</c> (zoned) gets its UTC clock, which its statement converts from UTC to the session zone;
    /// a <c>DATETIME</c> gets the clock of the configured zone.
    /// </summary>
    public string Instant(DateTimeOffset instant, bool zoned) => zoned
        ? instant.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture)
        : TimeZoneInfo.ConvertTime(instant, _zone).DateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Hex digits; statements write <c>UNHEX(?)</c> for binary columns.</summary>
    public string Binary(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    /// <summary>MySQL has no array types, so no column is of kind array.</summary>
    public string Array(IReadOnlyList<string?> elements) => throw new NotSupportedException("MySQL has no array columns.");
}
