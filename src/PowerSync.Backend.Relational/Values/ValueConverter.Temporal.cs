using System.Globalization;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Relational.Values;

/// <summary>Timestamps (ISO-8601 text or Unix milliseconds), dates and times of day.</summary>
internal sealed partial class ValueConverter
{
    private string? ToTimestamp(CrudValue value, bool zoned)
    {
        // The common case: ISO text the database reads as it is, without a parse and a format per value.
        var shape = IsoTimestamp.ShapeOf(value);
        if (shape != IsoTimestampShape.None && _formatter.KeepsIsoText(shape, zoned))
        {
            return value.AsText();
        }

        return ToInstant(value) is { } instant ? _formatter.Instant(instant, zoned) : null;
    }

    /// <summary>ISO text (a missing zone is UTC) or Unix milliseconds.</summary>
    private static DateTimeOffset? ToInstant(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Text when DateTimeOffset.TryParse(value.AsText(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) => instant,
        CrudValueKind.Integer => DateTimeOffset.FromUnixTimeMilliseconds(value.AsInteger()),
        _ => null,
    };

    private static string? ToDate(CrudValue value)
    {
        if (value.Kind != CrudValueKind.Text)
        {
            return null;
        }

        var text = value.AsText();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        // A full timestamp keeps the calendar date it was written with.
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? DateOnly.FromDateTime(instant.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    private static string? ToTime(CrudValue value) =>
        value.Kind == CrudValueKind.Text && TimeOnly.TryParse(value.AsText(), CultureInfo.InvariantCulture, out var time)
            ? time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)
            : null;
}
