using System.Globalization;

namespace PowerSync.Backend.Mongo.Bson;

/// <summary>ISO-8601 text for BSON dates (millisecond precision, UTC).</summary>
internal static class IsoDate
{
    /// <summary>Formats milliseconds since the epoch as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public static string Format(long millisecondsSinceEpoch) =>
        DateTimeOffset.FromUnixTimeMilliseconds(millisecondsSinceEpoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads ISO-8601 text: a date (<c>2025-03-01</c>, midnight UTC) or a date and a time with <c>T</c> or a space,
    /// an optional fraction and an optional offset (UTC without one). Digits past milliseconds are dropped, as
    /// a BSON date holds milliseconds.
    /// </summary>
    public static bool TryParse(string text, out long millisecondsSinceEpoch)
    {
        millisecondsSinceEpoch = 0;
        if (text.Length is < 10 or > 40 || !char.IsAsciiDigit(text[0]) || text[4] != '-' || text[7] != '-'
            || (text.Length > 10 && (text[10] is not ('T' or ' ') || text.Length < 16 || text[13] != ':')))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return false;
        }

        millisecondsSinceEpoch = instant.ToUnixTimeMilliseconds();
        return true;
    }
}
