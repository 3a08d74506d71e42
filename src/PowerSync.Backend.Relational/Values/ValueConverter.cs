using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.Relational.Values;

/// <summary>
/// Converts what clients send (SQLite values: 0/1 booleans, JSON as text, ISO text timestamps, everything as
/// text from some SDKs) to the text form of the column's type. The rules — what each column kind accepts — are
/// the same for every SQL database; <see cref="IValueFormatter"/> spells the result in the dialect. Every value
/// is checked here, so a bad one is refused naming its column before any SQL runs.
/// </summary>
internal sealed partial class ValueConverter
{
    private readonly IValueFormatter _formatter;

    /// <summary>Creates a converter that spells values with <paramref name="formatter"/>.</summary>
    public ValueConverter(IValueFormatter formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _formatter = formatter;
    }

    /// <summary>Converts a value; <see langword="null"/> text means SQL NULL.</summary>
    /// <returns>Whether the value fits the column; otherwise <paramref name="problem"/> says why.</returns>
    public bool TryConvert(CrudValue value, RelationalColumn column, out string? text, out string? problem)
    {
        problem = null;
        if (value.IsNull)
        {
            text = null;
            return true;
        }

        text = column.Kind == ColumnKind.Array
            ? ConvertArray(value, column, ref problem)
            : ConvertScalar(value, column.Kind, column, ref problem);
        return problem is null;
    }

    private string? ConvertScalar(CrudValue value, ColumnKind kind, RelationalColumn column, ref string? problem)
    {
        var result = kind switch
        {
            ColumnKind.Boolean => ToBoolean(value),
            ColumnKind.Integer => ToInteger(value, column.Range),
            ColumnKind.Decimal => ToDecimal(value),
            ColumnKind.Float => ToFloat(value),
            ColumnKind.Uuid => value.Kind == CrudValueKind.Text ? ToUuid(value.AsText()) : null,
            ColumnKind.Json => ToJson(value),
            ColumnKind.Timestamp => ToTimestamp(value, zoned: false),
            ColumnKind.TimestampTz => ToTimestamp(value, zoned: true),
            ColumnKind.Date => ToDate(value),
            ColumnKind.Time => ToTime(value),
            ColumnKind.Binary => ToBinary(value),
            ColumnKind.Enum => value.Kind == CrudValueKind.Text && column.EnumLabels?.Contains(value.AsText()) == true ? value.AsText() : null,
            _ => ToText(value),
        };

        if (result is null)
        {
            problem = $"{Describe(value)} is not a valid {column.StoreType}";
        }
        else if (result.Contains('\0', StringComparison.Ordinal))
        {
            // PostgreSQL cannot store NUL at all, and the other databases' drivers and tools often cut text there.
            problem = "text cannot contain a NUL character";
            return null;
        }
        else if (kind == ColumnKind.Text && column.MaxLength is { } max && (column.LengthInUtf16 ? result.Length : result.EnumerateRunes().Count()) > max)
        {
            problem = column.LengthInUtf16 ? $"the text is longer than {max} UTF-16 code units" : $"the text is longer than {max} characters";
            return null;
        }

        return result;
    }

    private string? ToBoolean(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Boolean => _formatter.Boolean(value.AsBoolean()),
        CrudValueKind.Integer when value.AsInteger() is 0 or 1 => _formatter.Boolean(value.AsInteger() == 1),
        CrudValueKind.Text => value.AsText().Trim().ToUpperInvariant() switch
        {
            "1" or "TRUE" or "T" => _formatter.Boolean(true),
            "0" or "FALSE" or "F" => _formatter.Boolean(false),
            _ => null,
        },
        _ => null,
    };

    /// <summary>Names a value's kind for an error message; values themselves never reach messages or logs.</summary>
    private static string Describe(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Json => "a JSON value",
        CrudValueKind.Integer => "an integer",
        _ => "a " + value.Kind.ToString().ToLowerInvariant() + " value",
    };
}
