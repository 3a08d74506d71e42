using System.Globalization;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Translation;

/// <summary>
/// Coerces what SQLite clients send (0/1 booleans, JSON as text, ISO text timestamps, everything as text from
/// some SDKs) to a declared BSON type, or keeps an undeclared field's value as sent.
/// </summary>
internal static class MongoValueConverter
{
    /// <summary>Converts a value to <paramref name="type"/>; <see langword="null"/> with a reason when it does not fit.</summary>
    public static BsonValue? TryConvert(CrudValue value, MongoFieldType type, out string? problem)
    {
        problem = null;
        if (value.IsNull)
        {
            return BsonValue.Null;
        }

        var converted = type switch
        {
            MongoFieldType.String => ToText(value),
            MongoFieldType.Boolean => ToBoolean(value),
            MongoFieldType.Int32 => TryGetWhole(value, out var whole) && whole is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)whole) : null,
            MongoFieldType.Int64 => TryGetWhole(value, out var whole) ? new BsonInt64(whole) : null,
            MongoFieldType.Double => ToDouble(value),
            MongoFieldType.Decimal128 => ToDecimal128(value),
            MongoFieldType.Date => ToDate(value),
            MongoFieldType.Document or MongoFieldType.Array or MongoFieldType.Json => ToJson(value, type, out problem),
            MongoFieldType.ObjectId => value.Kind == CrudValueKind.Text ? MongoIdConverter.TryObjectId(value.AsText()) : null,
            MongoFieldType.Uuid => value.Kind == CrudValueKind.Text ? MongoIdConverter.TryUuid(value.AsText()) : null,
            _ => null,
        };
        if (converted is null)
        {
            problem ??= $"{Describe(value)} is not a valid {Name(type)}";
        }

        return converted;
    }

    /// <summary>An undeclared field's value, as sent: integers as 32- or 64-bit integers, reals as doubles, JSON as documents or arrays.</summary>
    public static BsonValue? TryKeep(CrudValue value, out string? problem)
    {
        problem = null;
        switch (value.Kind)
        {
            case CrudValueKind.Null:
                return BsonValue.Null;
            case CrudValueKind.Integer:
                var number = value.AsInteger();
                return number is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)number) : new BsonInt64(number);
            case CrudValueKind.Real:
                return new BsonDouble(value.AsReal());
            case CrudValueKind.Boolean:
                return new BsonBoolean(value.AsBoolean());
            case CrudValueKind.Json:
                return JsonToBson.TryConvert(value.AsJson(), out problem);
            default:
                return ToText(value) ?? Fail("holds text that is not valid Unicode", out problem);
        }
    }

    private static BsonValue? Fail(string reason, out string? problem)
    {
        problem = reason;
        return null;
    }

    private static BsonString? ToText(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Text => MongoNames.IsWellFormed(value.AsText()) ? new BsonString(value.AsText()) : null,
        CrudValueKind.Json => new BsonString(value.AsJson()),
        _ => new BsonString(value.Kind == CrudValueKind.Boolean ? (value.AsBoolean() ? "true" : "false") : value.ToString()),
    };

    private static BsonBoolean? ToBoolean(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Boolean => new BsonBoolean(value.AsBoolean()),
        CrudValueKind.Integer when value.AsInteger() is 0 or 1 => new BsonBoolean(value.AsInteger() == 1),
        CrudValueKind.Text => value.AsText() switch
        {
            "1" => new BsonBoolean(true),
            "0" => new BsonBoolean(false),
            var text when string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) => new BsonBoolean(true),
            var text when string.Equals(text, "false", StringComparison.OrdinalIgnoreCase) => new BsonBoolean(false),
            _ => null,
        },
        _ => null,
    };

    private static bool TryGetWhole(CrudValue value, out long whole)
    {
        whole = 0;
        switch (value.Kind)
        {
            case CrudValueKind.Integer:
                whole = value.AsInteger();
                return true;
            case CrudValueKind.Real:
                var real = value.AsReal();
                if (Math.Floor(real) == real && real >= long.MinValue && real < 9.2233720368547758E18)
                {
                    whole = (long)real;
                    return true;
                }

                return false;
            case CrudValueKind.Text:
                return long.TryParse(value.AsText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out whole);
            default:
                return false;
        }
    }

    private static BsonDouble? ToDouble(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Integer => new BsonDouble(value.AsInteger()),
        CrudValueKind.Real => new BsonDouble(value.AsReal()),
        CrudValueKind.Text when double.TryParse(value.AsText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) => new BsonDouble(real),
        _ => null,
    };

    private static BsonDecimal128? ToDecimal128(CrudValue value)
    {
        var text = value.Kind switch
        {
            CrudValueKind.Integer => value.AsInteger().ToString(CultureInfo.InvariantCulture),
            CrudValueKind.Real => value.AsReal().ToString("R", CultureInfo.InvariantCulture),
            CrudValueKind.Text => value.AsText(),
            _ => null,
        };
        return text is not null && Decimal128Text.TryCanonicalize(text) is { } canonical ? new BsonDecimal128(canonical) : null;
    }

    private static BsonDateTime? ToDate(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Text when IsoDate.TryParse(value.AsText(), out var milliseconds) => new BsonDateTime(milliseconds),
        CrudValueKind.Integer => new BsonDateTime(value.AsInteger()),
        _ => null,
    };

    private static BsonValue? ToJson(CrudValue value, MongoFieldType type, out string? problem)
    {
        problem = null;
        if (value.Kind is not (CrudValueKind.Text or CrudValueKind.Json))
        {
            return null;
        }

        var converted = JsonToBson.TryConvert(value.Kind == CrudValueKind.Text ? value.AsText() : value.AsJson(), out problem);
        var fits = type switch
        {
            MongoFieldType.Document => converted is BsonDocument,
            MongoFieldType.Array => converted is BsonArray,
            _ => converted is BsonDocument or BsonArray,
        };
        if (converted is not null && !fits)
        {
            problem = $"is JSON but not {(type == MongoFieldType.Array ? "an array" : type == MongoFieldType.Document ? "an object" : "an object or array")}";
            return null;
        }

        return converted;
    }

    private static string Describe(CrudValue value) => value.Kind switch
    {
        CrudValueKind.Text => "the text value",
        CrudValueKind.Json => "the JSON value",
        var kind => "the " + kind.ToString().ToLowerInvariant() + " value",
    };

    private static string Name(MongoFieldType type) => type switch
    {
        MongoFieldType.Int32 => "32-bit integer",
        MongoFieldType.Int64 => "64-bit integer",
        MongoFieldType.Date => "date (ISO-8601 text or epoch milliseconds)",
        MongoFieldType.ObjectId => "ObjectId (24 hexadecimal digits)",
        MongoFieldType.Uuid => "UUID",
        MongoFieldType.Decimal128 => "Decimal128 (at most 34 digits)",
        var other => other.ToString().ToLowerInvariant(),
    };
}
