using System.Globalization;
using System.Text.Json;

namespace PowerSync.Backend.Mongo.Bson;

/// <summary>
/// Reads Extended JSON v2, canonical or relaxed, into BSON values: what an executor returns as a reply. Type
/// wrappers this model does not know (<c>$timestamp</c>, <c>$regularExpression</c>, …) stay plain documents.
/// </summary>
internal static class ExtendedJsonReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    /// <summary>Parses a document.</summary>
    /// <exception cref="FormatException">The text is not a JSON object or a type wrapper is malformed.</exception>
    public static BsonDocument ParseDocument(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var parsed = JsonDocument.Parse(json, Options);
            return Read(parsed.RootElement) as BsonDocument ?? throw new FormatException("Extended JSON: expected a document.");
        }
        catch (JsonException exception)
        {
            throw new FormatException("Extended JSON: " + exception.Message, exception);
        }
    }

    /// <summary>Converts a parsed JSON element.</summary>
    public static BsonValue Read(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return BsonValue.Null;
            case JsonValueKind.True:
                return new BsonBoolean(true);
            case JsonValueKind.False:
                return new BsonBoolean(false);
            case JsonValueKind.String:
                return new BsonString(element.GetString()!);
            case JsonValueKind.Number:
                return ReadNumber(element);
            case JsonValueKind.Array:
                return new BsonArray(element.EnumerateArray().Select(Read).ToList());
            case JsonValueKind.Object:
                return TryReadWrapper(element) ?? ReadDocument(element);
            default:
                throw new FormatException($"Extended JSON: unexpected {element.ValueKind}.");
        }
    }

    private static BsonValue ReadNumber(JsonElement element)
    {
        if (element.TryGetInt32(out var int32))
        {
            return new BsonInt32(int32);
        }

        return element.TryGetInt64(out var int64) ? new BsonInt64(int64) : new BsonDouble(element.GetDouble());
    }

    private static BsonDocument ReadDocument(JsonElement element)
    {
        var document = new BsonDocument();
        foreach (var property in element.EnumerateObject())
        {
            document.Set(property.Name, Read(property.Value));
        }

        return document;
    }

    private static BsonValue? TryReadWrapper(JsonElement element)
    {
        using var properties = element.EnumerateObject();
        if (!properties.MoveNext())
        {
            return null;
        }

        var first = properties.Current;
        var single = !properties.MoveNext();
        var value = first.Value;
        return (first.Name, single, value.ValueKind) switch
        {
            ("$numberInt", true, JsonValueKind.String) => new BsonInt32(int.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
            ("$numberLong", true, JsonValueKind.String) => new BsonInt64(long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
            ("$numberDouble", true, JsonValueKind.String) => new BsonDouble(ParseDouble(value.GetString()!)),
            ("$numberDecimal", true, JsonValueKind.String) => new BsonDecimal128(Decimal128Text.TryCanonicalize(value.GetString()!) ?? value.GetString()!),
            ("$oid", true, JsonValueKind.String) => new BsonObjectId(value.GetString()!.ToLowerInvariant()),
            ("$date", true, _) => ReadDate(value),
            ("$binary", true, JsonValueKind.Object) => ReadBinary(value),
            ("$binary", false, JsonValueKind.String) => ReadLegacyBinary(element),
            _ => null,
        };
    }

    private static double ParseDouble(string text) => text switch
    {
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static BsonDateTime ReadDate(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object when value.TryGetProperty("$numberLong", out var ms) => new BsonDateTime(long.Parse(ms.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
        JsonValueKind.Number => new BsonDateTime(value.GetInt64()),
        JsonValueKind.String when IsoDate.TryParse(value.GetString()!, out var parsed) => new BsonDateTime(parsed),
        _ => throw new FormatException("Extended JSON: malformed $date."),
    };

    private static BsonBinary ReadBinary(JsonElement value) => new(
        byte.Parse(value.GetProperty("subType").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        Convert.FromBase64String(value.GetProperty("base64").GetString()!));

    private static BsonBinary ReadLegacyBinary(JsonElement element) => new(
        byte.Parse(element.GetProperty("$type").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        Convert.FromBase64String(element.GetProperty("$binary").GetString()!));
}
