using System.Globalization;
using System.Text;
using PowerSync.Backend.MySql.TestDriver.Native;

namespace PowerSync.Backend.MySql.TestDriver.Internal;

/// <summary>
/// Turns a text-protocol cell into the CLR value MySqlConnector (default settings) returns for that column.
/// </summary>
/// <remarks>
/// TINYINT(1) → bool (TreatTinyAsBoolean), TINYINT → sbyte/byte, SMALLINT → short/ushort, MEDIUMINT and INT →
/// int/uint, BIGINT → long/ulong, YEAR → int, FLOAT → float, DOUBLE → double, DECIMAL → decimal, BIT → ulong,
/// DATE/DATETIME/TIMESTAMP → DateTime (Kind Unspecified), TIME → TimeSpan, CHAR(36) → Guid (GuidFormat=Default),
/// binary charset (BINARY/VARBINARY/BLOB/GEOMETRY) → byte[], other text (VARCHAR, TEXT, JSON, ENUM, SET) → string.
/// </remarks>
internal static class ValueDecoder
{
    // The connection charset is always utf8mb4, so every text column's length is reported in 4-byte characters.
    private const ulong Utf8Mb4Char36Length = 36 * 4;

    /// <summary>The CLR type <see cref="Decode"/> returns for <paramref name="column"/>.</summary>
    public static Type ClrType(ColumnInfo column, MariaDbConnectionSettings settings) => column.Type switch
    {
        MySqlFieldType.Tiny when settings.TreatTinyAsBoolean && column.Length == 1 => typeof(bool),
        MySqlFieldType.Tiny => column.IsUnsigned ? typeof(byte) : typeof(sbyte),
        MySqlFieldType.Short => column.IsUnsigned ? typeof(ushort) : typeof(short),
        MySqlFieldType.Int24 or MySqlFieldType.Long => column.IsUnsigned ? typeof(uint) : typeof(int),
        MySqlFieldType.LongLong => column.IsUnsigned ? typeof(ulong) : typeof(long),
        MySqlFieldType.Year => typeof(int),
        MySqlFieldType.Float => typeof(float),
        MySqlFieldType.Double => typeof(double),
        MySqlFieldType.Decimal or MySqlFieldType.NewDecimal => typeof(decimal),
        MySqlFieldType.Bit => typeof(ulong),
        MySqlFieldType.Date or MySqlFieldType.NewDate or MySqlFieldType.DateTime or MySqlFieldType.Timestamp => typeof(DateTime),
        MySqlFieldType.Time => typeof(TimeSpan),
        MySqlFieldType.Null => typeof(DBNull),
        MySqlFieldType.Json => typeof(string),
        MySqlFieldType.String when IsGuidColumn(column, settings) => typeof(Guid),
        MySqlFieldType.Geometry => typeof(byte[]),
        _ => column.IsBinary ? typeof(byte[]) : typeof(string),
    };

    /// <summary>The SQL type name reported by <c>GetDataTypeName</c>.</summary>
    public static string TypeName(ColumnInfo column) => column.Type switch
    {
        MySqlFieldType.Tiny => "TINYINT",
        MySqlFieldType.Short => "SMALLINT",
        MySqlFieldType.Int24 => "MEDIUMINT",
        MySqlFieldType.Long => "INT",
        MySqlFieldType.LongLong => "BIGINT",
        MySqlFieldType.Year => "YEAR",
        MySqlFieldType.Float => "FLOAT",
        MySqlFieldType.Double => "DOUBLE",
        MySqlFieldType.Decimal or MySqlFieldType.NewDecimal => "DECIMAL",
        MySqlFieldType.Bit => "BIT",
        MySqlFieldType.Date or MySqlFieldType.NewDate => "DATE",
        MySqlFieldType.DateTime => "DATETIME",
        MySqlFieldType.Timestamp => "TIMESTAMP",
        MySqlFieldType.Time => "TIME",
        MySqlFieldType.Null => "NULL",
        MySqlFieldType.Json => "JSON",
        MySqlFieldType.Geometry => "GEOMETRY",
        _ when (column.Flags & ClientConstants.EnumFlag) != 0 => "ENUM",
        _ when (column.Flags & ClientConstants.SetFlag) != 0 => "SET",
        MySqlFieldType.TinyBlob or MySqlFieldType.MediumBlob or MySqlFieldType.LongBlob or MySqlFieldType.Blob =>
            column.IsBinary ? "BLOB" : "TEXT",
        MySqlFieldType.String => column.IsBinary ? "BINARY" : "CHAR",
        _ => column.IsBinary ? "VARBINARY" : "VARCHAR",
    };

    /// <summary>Decodes a non-NULL cell.</summary>
    /// <exception cref="InvalidCastException">A zero date without ConvertZeroDateTime, or text that is not a GUID in a CHAR(36) column.</exception>
    public static object Decode(ColumnInfo column, byte[] cell, MariaDbConnectionSettings settings)
    {
        var type = ClrType(column, settings);
        if (type == typeof(byte[]))
        {
            return cell;
        }

        if (type == typeof(ulong) && column.Type == MySqlFieldType.Bit)
        {
            // BIT travels as its big-endian bytes, not as digits.
            ulong bits = 0;
            foreach (var b in cell)
            {
                bits = (bits << 8) | b;
            }

            return bits;
        }

        var text = Encoding.UTF8.GetString(cell);
        var invariant = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(string) => text,
            _ when type == typeof(bool) => int.Parse(text, invariant) != 0,
            _ when type == typeof(sbyte) => sbyte.Parse(text, invariant),
            _ when type == typeof(byte) => byte.Parse(text, invariant),
            _ when type == typeof(short) => short.Parse(text, invariant),
            _ when type == typeof(ushort) => ushort.Parse(text, invariant),
            _ when type == typeof(int) => int.Parse(text, invariant),
            _ when type == typeof(uint) => uint.Parse(text, invariant),
            _ when type == typeof(long) => long.Parse(text, invariant),
            _ when type == typeof(ulong) => ulong.Parse(text, invariant),
            _ when type == typeof(float) => float.Parse(text, invariant),
            _ when type == typeof(double) => double.Parse(text, invariant),
            _ when type == typeof(decimal) => decimal.Parse(text, NumberStyles.Float, invariant),
            _ when type == typeof(DateTime) => ParseDateTime(text, settings),
            _ when type == typeof(TimeSpan) => ParseTime(text),
            _ when type == typeof(Guid) => Guid.TryParse(text, out var guid)
                ? guid
                : throw new InvalidCastException($"CHAR(36) column '{column.Name}' holds '{text}', which is not a GUID (GuidFormat=Default reads CHAR(36) as Guid; use GuidFormat=None for text)."),
            _ => throw new NotSupportedException($"Column type {column.Type} is not supported by the test driver."),
        };
    }

    private static bool IsGuidColumn(ColumnInfo column, MariaDbConnectionSettings settings) =>
        settings.Char36IsGuid && !column.IsBinary && column.Length == Utf8Mb4Char36Length
        && (column.Flags & (ClientConstants.EnumFlag | ClientConstants.SetFlag)) == 0;

    private static DateTime ParseDateTime(string text, MariaDbConnectionSettings settings)
    {
        if (text.StartsWith("0000-00-00", StringComparison.Ordinal))
        {
            return settings.ConvertZeroDateTime
                ? DateTime.MinValue
                : throw new InvalidCastException("Unable to convert MySQL date/time '" + text + "' to System.DateTime (set Convert Zero DateTime=true).");
        }

        var formats = new[] { "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF" };
        return DateTime.ParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None);
    }

    // "[-]H…H:MM:SS[.ffffff]"; hours may exceed 24 (TIME spans ±838:59:59).
    private static TimeSpan ParseTime(string text)
    {
        var negative = text.StartsWith('-');
        var parts = (negative ? text[1..] : text).Split(':', '.');
        var invariant = CultureInfo.InvariantCulture;
        var ticks = (long.Parse(parts[0], invariant) * TimeSpan.TicksPerHour)
            + (long.Parse(parts[1], invariant) * TimeSpan.TicksPerMinute)
            + (long.Parse(parts[2], invariant) * TimeSpan.TicksPerSecond);
        if (parts.Length > 3)
        {
            ticks += long.Parse(parts[3].PadRight(7, '0')[..7], invariant);
        }

        return TimeSpan.FromTicks(negative ? -ticks : ticks);
    }
}
