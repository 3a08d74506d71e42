using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Translation;

/// <summary>The command documents the store sends, without session fields.</summary>
internal static class MongoCommands
{
    public static BsonDocument Write(MongoWrite write) => write.IsDelete
        ? new BsonDocument().Add("delete", new BsonString(write.Collection)).Add("deletes", new BsonArray([.. write.Statements])).Add("ordered", new BsonBoolean(true))
        : Update(write.Collection, write.Statements);

    public static BsonDocument Update(string collection, IEnumerable<BsonDocument> statements) =>
        new BsonDocument().Add("update", new BsonString(collection)).Add("updates", new BsonArray([.. statements])).Add("ordered", new BsonBoolean(true));

    public static BsonDocument Insert(string collection, BsonDocument document) =>
        new BsonDocument().Add("insert", new BsonString(collection)).Add("documents", new BsonArray([document])).Add("ordered", new BsonBoolean(true));

    /// <summary>A <c>find</c>; <paramref name="batchSize"/> asks for everything in the first batch when the server can.</summary>
    public static BsonDocument Find(string collection, BsonDocument filter, int? batchSize = null, bool single = false)
    {
        var find = new BsonDocument().Add("find", new BsonString(collection)).Add("filter", filter);
        if (batchSize is { } size)
        {
            find.Add("batchSize", new BsonInt32(size));
        }

        return single ? find.Add("limit", new BsonInt32(1)).Add("singleBatch", new BsonBoolean(true)) : find;
    }

    public static BsonDocument GetMore(long cursorId, string collection) =>
        new BsonDocument().Add("getMore", new BsonInt64(cursorId)).Add("collection", new BsonString(collection));

    /// <summary>The ledger document's <c>_id</c>: <c>{user, client}</c>, always in that order (documents compare field by field).</summary>
    public static BsonDocument LedgerKey(ClientKey client) =>
        new BsonDocument().Add("user", new BsonString(client.UserId)).Add("client", new BsonString(client.ClientId));

    public static BsonValue Nullable(long? value) => value is { } number ? new BsonInt64(number) : BsonValue.Null;
}
