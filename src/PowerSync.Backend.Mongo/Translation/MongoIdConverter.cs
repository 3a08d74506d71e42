using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Translation;

/// <summary>Turns PowerSync row ids (text) into <c>_id</c> values, and back.</summary>
internal static class MongoIdConverter
{
    /// <summary>The <c>_id</c> for a row id, or <see langword="null"/> when the id does not fit the type.</summary>
    public static BsonValue? TryConvert(string id, MongoIdType type) => type switch
    {
        MongoIdType.ObjectId => TryObjectId(id),
        MongoIdType.Uuid => TryUuid(id),
        _ => MongoNames.IsWellFormed(id) ? new BsonString(id) : null,
    };

    /// <summary>An ObjectId from 24 hexadecimal digits (either case).</summary>
    public static BsonObjectId? TryObjectId(string text) =>
        text.Length == 24 && text.All(char.IsAsciiHexDigit) ? new BsonObjectId(text.ToLowerInvariant()) : null;

    /// <summary>A UUID (binary subtype 4, RFC 4122 byte order) from its text.</summary>
    public static BsonBinary? TryUuid(string text) =>
        Guid.TryParse(text, out var uuid) ? new BsonBinary(4, uuid.ToByteArray(bigEndian: true)) : null;
}
