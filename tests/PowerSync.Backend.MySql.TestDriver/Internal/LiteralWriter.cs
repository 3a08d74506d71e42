using System.Globalization;
using System.Text;

namespace PowerSync.Backend.MySql.TestDriver.Internal;

/// <summary>Writes a parameter value as a MySQL literal.</summary>
/// <remarks>
/// Strings go through <c>mysql_real_escape_string</c> (the <paramref name="escape"/> callback of
/// <see cref="Write"/>), so the client library that knows the connection's character set and
/// NO_BACKSLASH_ESCAPES does the escaping. Numbers use the invariant culture. Dates are written without a
/// time zone: <see cref="DateTimeOffset"/> is converted to UTC first, <see cref="DateTime"/> is written as given
/// (MySqlConnector's default <c>DateTimeKind=Unspecified</c> behaviour).
/// </remarks>
internal static class LiteralWriter
{
    private const string DateTimeFormat = "yyyy'-'MM'-'dd' 'HH':'mm':'ss'.'ffffff";

    /// <summary>Appends the literal for <paramref name="value"/> to <paramref name="output"/>.</summary>
    /// <exception cref="NotSupportedException">The value's type has no literal form here.</exception>
    public static void Write(StringBuilder output, object? value, Func<string, string> escape)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (value)
        {
            case null or DBNull:
                output.Append("NULL");
                break;
            case bool b:
                output.Append(b ? '1' : '0');
                break;
            case string s:
                AppendQuoted(output, escape(s));
                break;
            case char ch:
                AppendQuoted(output, escape(ch.ToString()));
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or decimal:
                output.Append(((IFormattable)value).ToString(null, invariant));
                break;
            case double d:
                AppendFloatingPoint(output, Finite(d, double.IsFinite(d)).ToString("R", invariant));
                break;
            case float f:
                AppendFloatingPoint(output, Finite(f, float.IsFinite(f)).ToString("R", invariant));
                break;
            case byte[] bytes:
                AppendHex(output, bytes);
                break;
            case ReadOnlyMemory<byte> memory:
                AppendHex(output, memory.Span);
                break;
            case Memory<byte> memory:
                AppendHex(output, memory.Span);
                break;
            case DateTime dateTime:
                AppendQuoted(output, dateTime.ToString(DateTimeFormat, invariant));
                break;
            case DateTimeOffset offset:
                AppendQuoted(output, offset.UtcDateTime.ToString(DateTimeFormat, invariant));
                break;
            case DateOnly date:
                AppendQuoted(output, date.ToString("yyyy'-'MM'-'dd", invariant));
                break;
            case TimeOnly time:
                AppendQuoted(output, time.ToString("HH':'mm':'ss'.'ffffff", invariant));
                break;
            case TimeSpan span:
                AppendQuoted(output, FormatTime(span));
                break;
            case Guid guid:
                AppendQuoted(output, guid.ToString("D"));
                break;
            case Enum e:
                output.Append(Convert.ToDecimal(e, invariant).ToString(invariant));
                break;
            default:
                throw new NotSupportedException($"Parameter values of type {value.GetType()} are not supported by the test driver.");
        }
    }

    private static T Finite<T>(T value, bool isFinite) =>
        isFinite ? value : throw new NotSupportedException("MySQL has no literal for NaN or infinity.");

    // Without an exponent MySQL reads "0.1" as an exact DECIMAL literal; "0.1E0" keeps it a DOUBLE, as the value was.
    private static void AppendFloatingPoint(StringBuilder output, string roundTrip)
    {
        output.Append(roundTrip);
        if (!roundTrip.Contains('E', StringComparison.Ordinal))
        {
            output.Append("E0");
        }
    }

    private static void AppendQuoted(StringBuilder output, string body) => output.Append('\'').Append(body).Append('\'');

    private static void AppendHex(StringBuilder output, ReadOnlySpan<byte> bytes) =>
        output.Append("X'").Append(Convert.ToHexString(bytes)).Append('\'');

    // TIME ranges over ±838:59:59.999999, so hours are written in total rather than as days.
    private static string FormatTime(TimeSpan span)
    {
        var sign = span < TimeSpan.Zero ? "-" : string.Empty;
        var magnitude = span.Duration();
        var hours = (long)magnitude.TotalHours;
        var micros = magnitude.Ticks % TimeSpan.TicksPerSecond / 10;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{hours}:{magnitude.Minutes:00}:{magnitude.Seconds:00}.{micros:000000}");
    }
}
