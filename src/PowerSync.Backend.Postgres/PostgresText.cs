using System.Text;

namespace PowerSync.Backend.Postgres;

/// <summary>
/// PostgreSQL text and jsonb cannot hold NUL (U+0000), which clients can send. Dead letters must be stored
/// whatever a client sent (a rejection that cannot be recorded fails the request, and the client re-sends it
/// forever), so NUL is stored there as U+FFFD, the replacement character.
/// </summary>
internal static class PostgresText
{
    private const string NulEscape = "\\u0000";
    private const string ReplacementEscape = "\\uFFFD";

    /// <summary>The text with every NUL replaced by U+FFFD (the same instance when it has none).</summary>
    public static string? WithoutNul(string? text) =>
        text is not null && text.Contains('\0', StringComparison.Ordinal) ? text.Replace('\0', '\uFFFD') : text;

    /// <summary>JSON text with every <c>\u0000</c> escape replaced by <c>\uFFFD</c>; other escapes are kept.</summary>
    public static string JsonWithoutNul(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!json.Contains(NulEscape, StringComparison.OrdinalIgnoreCase))
        {
            return json;
        }

        var result = new StringBuilder(json.Length);
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != '\\' || i + 1 == json.Length)
            {
                result.Append(json[i]);
                continue;
            }

            // An escape pair: "\\" must be skipped whole, or its second backslash would read as the start of "\u0000".
            if (string.Compare(json, i, NulEscape, 0, NulEscape.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                result.Append(ReplacementEscape);
                i += NulEscape.Length - 1;
            }
            else
            {
                result.Append(json, i, 2);
                i++;
            }
        }

        return result.ToString();
    }
}
