using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Tests.Double;

/// <summary>The BSON comparisons the test double needs: equality as MongoDB's query engine sees it, and numeric order for <c>$max</c>.</summary>
internal static class DoubleBson
{
    /// <summary>A dictionary key for an <c>_id</c> or an indexed value.</summary>
    public static string Key(BsonValue value) => value is BsonInt32 or BsonInt64 or BsonDouble ? "n:" + Number(value) : ExtendedJsonWriter.ToCanonical(new BsonDocument().Add("v", value));

    /// <summary>Query equality: numbers by value, documents field by field in order, arrays item by item.</summary>
    public static bool Equal(BsonValue left, BsonValue right) => (left, right) switch
    {
        (BsonInt32 or BsonInt64 or BsonDouble, BsonInt32 or BsonInt64 or BsonDouble) => Number(left) == Number(right),
        (BsonDocument l, BsonDocument r) => l.Count == r.Count && l.Elements.Zip(r.Elements).All(p => p.First.Key == p.Second.Key && Equal(p.First.Value, p.Second.Value)),
        (BsonArray l, BsonArray r) => l.Items.Count == r.Items.Count && l.Items.Zip(r.Items).All(p => Equal(p.First, p.Second)),
        _ => left.Equals(right),
    };

    /// <summary>Order for <c>$max</c> among null (lowest) and numbers; <see langword="null"/> for other pairs.</summary>
    public static int? Compare(BsonValue left, BsonValue right) => (left, right) switch
    {
        (BsonNull, BsonNull) => 0,
        (BsonNull, _) => -1,
        (_, BsonNull) => 1,
        (BsonInt32 or BsonInt64 or BsonDouble, BsonInt32 or BsonInt64 or BsonDouble) => Number(left).CompareTo(Number(right)),
        _ => null,
    };

    /// <summary>The BSON type name <c>$jsonSchema</c>'s <c>bsonType</c> uses.</summary>
    public static string TypeName(BsonValue value) => value switch
    {
        BsonNull => "null",
        BsonBoolean => "bool",
        BsonInt32 => "int",
        BsonInt64 => "long",
        BsonDouble => "double",
        BsonDecimal128 => "decimal",
        BsonString => "string",
        BsonDateTime => "date",
        BsonObjectId => "objectId",
        BsonBinary => "binData",
        BsonArray => "array",
        _ => "object",
    };

    private static decimal Number(BsonValue value) => value switch
    {
        BsonInt32 int32 => int32.Value,
        BsonInt64 int64 => int64.Value,
        BsonDouble real => (decimal)real.Value,
        _ => throw new ArgumentException("not a number", nameof(value)),
    };
}
