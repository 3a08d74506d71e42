using System.Globalization;
using System.Text;
using PowerSync.Backend.Relational.Values;

namespace PowerSync.Backend.Postgres.Sql;

/// <summary>Values as PostgreSQL's text input reads them: statements cast text arrays to the column types.</summary>
internal sealed class PostgresValueFormatter : IValueFormatter
{
    /// <summary>The formatter (stateless).</summary>
    public static PostgresValueFormatter Instance { get; } = new();

    /// <inheritdoc />
    public string Boolean(bool value) => value ? "true" : "false";

    /// <summary>
    /// timestamptz reads the instant of any zoned ISO text; timestamp ignores a zone, so only UTC or unzoned text keeps
    /// the UTC clock it must store.
    /// </summary>
    public bool KeepsIsoText(IsoTimestampShape shape, bool zoned) =>
        zoned ? shape is IsoTimestampShape.Utc or IsoTimestampShape.Offset : shape is IsoTimestampShape.Unzoned or IsoTimestampShape.Utc;

    /// <inheritdoc />
    public string Instant(DateTimeOffset instant, bool zoned) => zoned
        ? instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)
        : instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>bytea's hex format.</summary>
    public string Binary(ReadOnlySpan<byte> bytes) => "\\x" + Convert.ToHexString(bytes);

    /// <summary>A one-dimensional array literal: <c>{"a","b",NULL}</c>, every element quoted.</summary>
    public string Array(IReadOnlyList<string?> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var literal = new StringBuilder("{");
        for (var i = 0; i < elements.Count; i++)
        {
            literal.Append(i > 0 ? "," : string.Empty);
            if (elements[i] is not { } element)
            {
                literal.Append("NULL");
                continue;
            }

            literal.Append('"').Append(element.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        return literal.Append('}').ToString();
    }
}
