using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Translation;

/// <summary>Stored documents as conflict hooks see them: typed values where <see cref="CrudValue"/> has the type, text otherwise.</summary>
internal static class BsonToCrud
{
    /// <summary>The fields of a stored document except <c>_id</c>.</summary>
    public static CrudData Row(BsonDocument document) =>
        CrudData.Create(document.Elements.Where(e => e.Key != "_id").Select(e => KeyValuePair.Create(e.Key, Value(e.Value))));

    /// <summary>One stored value: numbers and booleans typed, dates as ISO-8601 UTC text, documents and arrays as JSON.</summary>
    public static CrudValue Value(BsonValue value) => value switch
    {
        BsonNull => CrudValue.Null,
        BsonBoolean boolean => CrudValue.FromBoolean(boolean.Value),
        BsonInt32 int32 => CrudValue.FromInteger(int32.Value),
        BsonInt64 int64 => CrudValue.FromInteger(int64.Value),
        BsonDouble real when double.IsFinite(real.Value) => CrudValue.FromReal(real.Value),
        BsonString text => CrudValue.FromText(text.Value),
        BsonDecimal128 decimal128 => CrudValue.FromText(decimal128.Value),
        BsonDateTime date => CrudValue.FromText(IsoDate.Format(date.MillisecondsSinceEpoch)),
        BsonObjectId id => CrudValue.FromText(id.Hex),
        BsonBinary { SubType: 4, Bytes.Length: 16 } uuid => CrudValue.FromText(new Guid(uuid.Bytes, bigEndian: true).ToString("D")),
        BsonBinary binary => CrudValue.FromText(Convert.ToBase64String(binary.Bytes)),
        BsonDocument or BsonArray => CrudValue.FromJson(ExtendedJsonWriter.ToRelaxed(value)),
        _ => CrudValue.FromText(ExtendedJsonWriter.ToRelaxed(value)),
    };
}
