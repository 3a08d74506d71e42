using System.Globalization;
using System.Text;
using System.Text.Json;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Postgres.Schema;

/// <summary>
/// Converts what clients send (SQLite values: 0/1 booleans, JSON as text, ISO text timestamps, everything as
/// text from some SDKs) to the text form of the column's type. Statements cast that text to the column type
/// in SQL, so every value is checked here first: a bad value is refused naming its column, before any SQL runs.
/// </summary>
internal static class PostgresValueConverter
{
    /// <summary>Converts a value; <see langword="null"/> text means SQL NULL.</summary>
    /// <returns>Whether the value fits the column; otherwise <paramref name="problem"/> says why.</returns>
    public static bool TryConvert(CrudValue value, PostgresColumn column, out string? text, out string? problem)
    {
        problem = null;
        if (value.IsNull)
        {
            text = null;
            return true;
        }

        text = column.Kind == PostgresTypeKind.Array
            ? ConvertArray(value, column, ref problem)
            : ConvertScalar(value, column.Kind, column, ref problem);
        return problem is null;
    }

    private static string? ConvertScalar(CrudValue value, PostgresTypeKind kind, PostgresColumn column, ref string? problem)
    {
        var result = kind switch
        {
            PostgresTypeKind.Boolean => ToBoolean(value),
            PostgresTypeKind.Int16 => ToInteger(value, short.MinValue, short.MaxValue),
            PostgresTypeKind.Int32 => ToInteger(value, int.MinValue, int.MaxValue),
            PostgresTypeKind.Int64 => ToInteger(value, long.MinValue, long.MaxValue),
            PostgresTypeKind.Numeric => ToNumeric(value),
            PostgresTypeKind.Float4 or PostgresTypeKind.Float8 => ToFloat(value),
            PostgresTypeKind.Uuid => value.Kind == CrudValueKind.Text ? ToUuid(value.AsText()) : null,
            PostgresTypeKind.Json => ToJson(value),
            PostgresTypeKind.Timestamp => IsoTimestamp.IsUtcOrUnzoned(value) ? value.AsText()
                : ToInstant(value) is { } local ? local.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : null,
            PostgresTypeKind.TimestampTz => IsoTimestamp.IsZoned(value) ? value.AsText()
                : ToInstant(value)?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
            PostgresTypeKind.Date => ToDate(value),
            PostgresTypeKind.Time => value.Kind == CrudValueKind.Text && TimeOnly.TryParse(value.AsText(), CultureInfo.InvariantCulture, out var time) ? time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : null,
            PostgresTypeKind.Bytea => ToBytea(value),
            PostgresTypeKind.Enum => value.Kind == CrudValueKind.Text && column.EnumLabels?.Contains(value.AsText()) == true ? value.AsText() : null,
            _ => ToText(value),
        };

        if (result is null)
        {
            problem = $"{Describe(value)} is not a valid {column.SqlType}";
        }
        else if (result.Contains('\0', StringComparison.Ordinal))
        {
            problem = "text cannot contain a NUL character";
            return null;
        }
        else if (kind == PostgresTypeKind.Text && column.MaxLength is { } max && result.EnumerateRunes().Count() > max)
        {
            problem = $"the text is longer than {max} characters";
            return null;
        }

        return result;
    }

    private static string? ToBoolean(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Boolean => value.AsBoolean() ? "true" : "false",
        CrudValueKind.Integer when value.AsInteger() is 0 or 1 => value.AsInteger() == 1 ? "true" : "false",
        CrudValueKind.Text => value.AsText().Trim().ToUpperInvariant() switch
        {
            "1" or "TRUE" or "T" => "true",
            "0" or "FALSE" or "F" => "false",
            _ => null,
        },
        _ => null,
    };

    /// <summary>Canonical text passes as it is (the common case, no allocation); other spellings are normalised.</summary>
    private static string? ToUuid(string text)
    {
        if (text.Length == 36)
        {
            var canonical = true;
            for (var i = 0; i < 36 && canonical; i++)
            {
                canonical = i is 8 or 13 or 18 or 23 ? text[i] == '-' : char.IsAsciiHexDigit(text[i]);
            }

            if (canonical)
            {
                return text;
            }
        }

        return Guid.TryParse(text, out var guid) ? guid.ToString("D") : null;
    }

    private static string? ToInteger(CrudValue value, long min, long max)
    {
        long number;
        switch (value.Kind)
        {
            case CrudValueKind.Integer:
                number = value.AsInteger();
                break;
            case CrudValueKind.Boolean:
                number = value.AsBoolean() ? 1 : 0;
                break;
            case CrudValueKind.Real when Math.Floor(value.AsReal()) == value.AsReal() && value.AsReal() >= min && value.AsReal() <= max:
                number = (long)value.AsReal();
                break;
            case CrudValueKind.Text when long.TryParse(value.AsText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                number = parsed;
                break;
            default:
                return null;
        }

        return number >= min && number <= max ? number.ToString(CultureInfo.InvariantCulture) : null;
    }

    private static string? ToNumeric(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Integer => value.AsInteger().ToString(CultureInfo.InvariantCulture),
        CrudValueKind.Real => value.AsReal().ToString("R", CultureInfo.InvariantCulture),
        // Text keeps every digit the client sent: numeric has more precision than double or decimal.
        CrudValueKind.Text when IsDecimalLiteral(value.AsText().Trim()) => value.AsText().Trim(),
        _ => null,
    };

    private static string? ToFloat(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Integer => value.AsInteger().ToString(CultureInfo.InvariantCulture),
        CrudValueKind.Real => value.AsReal().ToString("R", CultureInfo.InvariantCulture),
        CrudValueKind.Text when double.TryParse(value.AsText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number.ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string? ToJson(CrudValue value)
    {
        switch (value.Kind)
        {
            case CrudValueKind.Json:
                return value.AsJson();
            case CrudValueKind.Integer or CrudValueKind.Real or CrudValueKind.Boolean:
                return value.ToString();
            case CrudValueKind.Text:
                // SQLite clients send JSON as text; it must parse.
                try
                {
                    using var document = JsonDocument.Parse(value.AsText());
                    return value.AsText();
                }
                catch (JsonException)
                {
                    return null;
                }

            default:
                return null;
        }
    }

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

    private static string? ToBytea(CrudValue value)
    {
        if (value.Kind != CrudValueKind.Text)
        {
            return null;
        }

        var text = value.AsText();
        var bytes = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, bytes, out var length) ? "\\x" + Convert.ToHexString(bytes, 0, length) : null;
    }

    private static string? ToText(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Text => value.AsText(),
        CrudValueKind.Json => value.AsJson(),
        CrudValueKind.Integer => value.AsInteger().ToString(CultureInfo.InvariantCulture),
        CrudValueKind.Real => value.AsReal().ToString("R", CultureInfo.InvariantCulture),
        CrudValueKind.Boolean => value.AsBoolean() ? "true" : "false",
        _ => null,
    };

    /// <summary>Builds a one-dimensional array literal (<c>{"a","b",NULL}</c>) from a JSON array.</summary>
    private static string? ConvertArray(CrudValue value, PostgresColumn column, ref string? problem)
    {
        var json = value.Kind switch
        {
            CrudValueKind.Json => value.AsJson(),
            CrudValueKind.Text => value.AsText(),
            _ => null,
        };
        try
        {
            using var document = json is null ? null : JsonDocument.Parse(json);
            if (document?.RootElement.ValueKind != JsonValueKind.Array)
            {
                problem = $"{Describe(value)} is not a JSON array for {column.SqlType}";
                return null;
            }

            var literal = new StringBuilder("{");
            foreach (var element in document.RootElement.EnumerateArray())
            {
                literal.Append(literal.Length > 1 ? "," : string.Empty);
                if (element.ValueKind == JsonValueKind.Null)
                {
                    literal.Append("NULL");
                    continue;
                }

                var item = ConvertScalar(ToCrudValue(element), column.ElementKind, column, ref problem);
                if (item is null || element.ValueKind == JsonValueKind.Array)
                {
                    problem = $"an element does not fit {column.SqlType} (one dimension, matching elements)";
                    return null;
                }

                literal.Append('"').Append(item.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            }

            return literal.Append('}').ToString();
        }
        catch (JsonException)
        {
            problem = $"{Describe(value)} is not a JSON array for {column.SqlType}";
            return null;
        }
    }

    private static CrudValue ToCrudValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => CrudValue.FromText(element.GetString()),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => CrudValue.FromInteger(integer),
        JsonValueKind.Number => CrudValue.FromReal(element.GetDouble()),
        JsonValueKind.True => CrudValue.FromBoolean(true),
        JsonValueKind.False => CrudValue.FromBoolean(false),
        _ => CrudValue.FromJson(element.GetRawText()),
    };

    private static bool IsDecimalLiteral(string text)
    {
        var i = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        var digits = 0;
        var dot = false;
        for (; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                digits++;
            }
            else if (text[i] == '.' && !dot)
            {
                dot = true;
            }
            else
            {
                break;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            i += i < text.Length && text[i] is '-' or '+' ? 1 : 0;
            var exponent = 0;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                exponent++;
            }

            return exponent > 0 && i == text.Length;
        }

        return i == text.Length;
    }

    /// <summary>Names a value's kind for an error message; values themselves never reach messages or logs.</summary>
    private static string Describe(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Json => "a JSON value",
        CrudValueKind.Integer => "an integer",
        _ => "a " + value.Kind.ToString().ToLowerInvariant() + " value",
    };
}
