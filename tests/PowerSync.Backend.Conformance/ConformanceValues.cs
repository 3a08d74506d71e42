using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Conformance;

/// <summary>
/// The canonical, provider-neutral form of stored values, used by <see cref="ConformanceDatabase.ReadRowAsync"/>
/// implementations and by the suites' expectations alike.
/// </summary>
public static class ConformanceValues
{
    private static readonly JsonWriterOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An exact decimal as text without a plus sign, leading zeros, trailing fractional zeros or exponent (<c>"1.500"</c> → <c>"1.5"</c>, <c>"-0.0"</c> → <c>"0"</c>).</summary>
    /// <param name="text">The decimal as the database prints it (digits, an optional sign and point).</param>
    /// <returns>The canonical text.</returns>
    public static CrudValue Decimal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('-', '+');
        var point = digits.IndexOf('.', StringComparison.Ordinal);
        var whole = (point < 0 ? digits : digits[..point]).TrimStart('0');
        var fraction = point < 0 ? string.Empty : digits[(point + 1)..].TrimEnd('0');
        var canonical = (whole.Length == 0 ? "0" : whole) + (fraction.Length == 0 ? string.Empty : "." + fraction);
        return CrudValue.FromText(negative && canonical != "0" ? "-" + canonical : canonical);
    }

    /// <summary>An instant as ISO-8601 UTC text with the fraction trimmed (<c>2025-03-01T08:00:00.5Z</c>).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The text.</returns>
    public static CrudValue Instant(DateTimeOffset instant) =>
        CrudValue.FromText(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));

    /// <summary>A timestamp without time zone, which holds UTC wall-clock time, in the form of <see cref="Instant(DateTimeOffset)"/>.</summary>
    /// <param name="utc">The wall-clock time, taken as UTC whatever its kind.</param>
    /// <returns>The text.</returns>
    public static CrudValue Instant(DateTime utc) => Instant(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>Parses ISO-8601 text (an offset or <c>Z</c>, or none for UTC) into the form of <see cref="Instant(DateTimeOffset)"/>.</summary>
    /// <param name="iso">The text.</param>
    /// <returns>The canonical text.</returns>
    public static CrudValue Instant(string iso) =>
        Instant(DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

    /// <summary>A calendar date as <c>yyyy-MM-dd</c>.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The text.</returns>
    public static CrudValue Date(DateOnly date) => CrudValue.FromText(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A time of day as <c>HH:mm:ss</c> with the fraction trimmed.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static CrudValue Time(TimeOnly time) => CrudValue.FromText(time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));

    /// <summary>A UUID as lowercase text with hyphens.</summary>
    /// <param name="uuid">The UUID.</param>
    /// <returns>The text.</returns>
    public static CrudValue Uuid(Guid uuid) => CrudValue.FromText(uuid.ToString("D"));

    /// <summary>Binary data as base64 text.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The text.</returns>
    public static CrudValue Bytes(byte[] bytes) => CrudValue.FromText(Convert.ToBase64String(bytes));

    /// <summary>
    /// A JSON document (also arrays read back as JSON) as compact text with object keys in ordinal order, so
    /// that databases that reorder keys (jsonb, MySQL JSON) compare equal. Numbers keep their text.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The canonical text.</returns>
    public static CrudValue Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CompactJson))
        {
            Write(writer, document.RootElement);
        }

        return CrudValue.FromText(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
