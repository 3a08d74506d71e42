using System.Text.Json;
using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Translation;

/// <summary>
/// Turns client JSON (an object or array sent as text or as a value) into an embedded document or array: whole
/// numbers become 32- or 64-bit integers, other numbers doubles; keys starting with <c>$</c> are refused, since
/// MongoDB would read them as operators and Extended JSON as type wrappers.
/// </summary>
internal static class JsonToBson
{
    /// <summary>MongoDB nests documents at most 100 deep; the command adds a few levels around a field.</summary>
    private const int MaxDepth = 90;

    /// <summary>Converts JSON text; returns <see langword="null"/> with a reason when it is not valid for BSON.</summary>
    public static BsonValue? TryConvert(string json, out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return TryConvert(document.RootElement, 0, out problem);
        }
        catch (JsonException)
        {
            problem = "is not valid JSON";
            return null;
        }
    }

    private static BsonValue? TryConvert(JsonElement element, int depth, out string? problem)
    {
        problem = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var document = new BsonDocument();
                foreach (var property in element.EnumerateObject())
                {
                    if (!MongoNames.IsEmbeddedKey(property.Name) || document.Contains(property.Name))
                    {
                        problem = "has a key that MongoDB cannot store (a leading '$', a NUL, or a repeated key)";
                        return null;
                    }

                    var value = TryConvert(property.Value, depth + 1, out problem);
                    if (value is null)
                    {
                        return null;
                    }

                    document.Add(property.Name, value);
                }

                return document;
            case JsonValueKind.Array:
                var array = new BsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    var value = TryConvert(item, depth + 1, out problem);
                    if (value is null)
                    {
                        return null;
                    }

                    array.Items.Add(value);
                }

                return array;
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (!MongoNames.IsWellFormed(text))
                {
                    problem = "holds text that is not valid Unicode";
                    return null;
                }

                return new BsonString(text);
            case JsonValueKind.Number:
                if (element.TryGetInt32(out var int32))
                {
                    return new BsonInt32(int32);
                }

                if (element.TryGetInt64(out var int64))
                {
                    return new BsonInt64(int64);
                }

                if (element.TryGetDouble(out var real) && double.IsFinite(real))
                {
                    return new BsonDouble(real);
                }

                problem = "holds a number out of range";
                return null;
            case JsonValueKind.True:
                return new BsonBoolean(true);
            case JsonValueKind.False:
                return new BsonBoolean(false);
            default:
                return BsonValue.Null;
        }
    }
}
