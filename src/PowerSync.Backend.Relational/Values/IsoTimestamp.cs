using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Relational.Values;

/// <summary>
/// Recognises the ISO-8601 timestamps clients usually send (<c>2024-05-01T10:00:00.000Z</c>) so a dialect can
/// send them as they are, without a parse and a format per value. Anything else takes the general path.
/// </summary>
internal static class IsoTimestamp
{
    /// <summary>The shape of <paramref name="value"/>: <see cref="IsoTimestampShape.None"/> unless it is well-formed ISO text.</summary>
    public static IsoTimestampShape ShapeOf(CrudValue value) => Zone(value) switch
    {
        null => IsoTimestampShape.None,
        "" => IsoTimestampShape.Unzoned,
        "Z" or "+00:00" or "+00" => IsoTimestampShape.Utc,
        _ => IsoTimestampShape.Offset,
    };

    /// <summary>The zone suffix of a well-formed ISO timestamp (empty for none), or null when the text is not one.</summary>
    private static string? Zone(CrudValue value)
    {
        if (value.Kind != CrudValueKind.Text)
        {
            return null;
        }

        var text = value.AsText();
        if (text.Length < 16
            || !Digits(text, 0, 4) || text[4] != '-' || !Number(text, 5, 1, 12) || text[7] != '-' || !Number(text, 8, 1, 31)
            || text[10] is not ('T' or ' ') || !Number(text, 11, 0, 23) || text[13] != ':' || !Number(text, 14, 0, 59))
        {
            return null;
        }

        var i = 16;
        if (i < text.Length && text[i] == ':')
        {
            if (!Number(text, i + 1, 0, 60))
            {
                return null;
            }

            i += 3;
            if (i < text.Length && text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i == start)
                {
                    return null;
                }
            }
        }

        var zone = text[i..];
        return zone.Length == 0 || zone == "Z" || IsOffset(zone) ? zone : null;
    }

    private static bool IsOffset(string zone) =>
        zone[0] is '+' or '-'
        && ((zone.Length == 3 && Number(zone, 1, 0, 15))
            || (zone.Length == 6 && Number(zone, 1, 0, 15) && zone[3] == ':' && Number(zone, 4, 0, 59)));

    private static bool Number(string text, int start, int min, int max) =>
        Digits(text, start, 2) && (text[start] - '0') * 10 + (text[start + 1] - '0') is var n && n >= min && n <= max;

    private static bool Digits(string text, int start, int count)
    {
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
