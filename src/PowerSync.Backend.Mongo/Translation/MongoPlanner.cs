using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Translation;

/// <summary>
/// Translates client entries into <c>update</c> / <c>delete</c> commands, before anything is sent: every
/// collection, id, field name and value is resolved and coerced here, so a bad one is refused naming its entry.
/// Consecutive entries for one collection (and one command kind) share one ordered command.
/// </summary>
internal sealed class MongoPlanner
{
    private readonly MongoCollectionMap _collections;
    private readonly MongoBackendOptions _options;

    public MongoPlanner(MongoCollectionMap collections, MongoBackendOptions options)
    {
        _collections = collections;
        _options = options;
    }

    /// <summary>Plans the entries, in order.</summary>
    /// <exception cref="CrudRejectedException"><c>SCHEMA_MISMATCH</c> or <c>INVALID_DATA</c>, naming the entry.</exception>
    public List<MongoWrite> Plan(IReadOnlyList<CrudEntry> entries)
    {
        var writes = new List<MongoWrite>();
        MongoWrite? run = null;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var collection = Resolve(entry.Table, i);
            var id = Id(collection, entry.Id, i);
            var statement = entry.Operation == CrudOperation.Delete
                ? new BsonDocument().Add("q", new BsonDocument().Add("_id", id)).Add("limit", new BsonInt32(1))
                : Update(collection, entry, id, i);
            if (statement is null)
            {
                continue;
            }

            var isDelete = entry.Operation == CrudOperation.Delete;
            if (run is null || run.Collection != collection.Name || run.IsDelete != isDelete || run.Statements.Count >= _options.MaxStatementsPerCommand)
            {
                run = new MongoWrite(collection.Name, isDelete, [], []);
                writes.Add(run);
            }

            run.Statements.Add(statement);
            run.EntryIndexes.Add(i);
        }

        return writes;
    }

    /// <summary>A table's collection; <c>SCHEMA_MISMATCH</c> when it is not configured.</summary>
    public ResolvedCollection Resolve(string table, int index) =>
        _collections.TryGet(table, out var collection)
            ? collection
            : throw new CrudRejectedException(ErrorCodes.SchemaMismatch, $"table '{table}' is not a configured MongoDB collection", index);

    /// <summary>A row id as <c>_id</c>; <c>INVALID_DATA</c> when it does not fit the collection's id type.</summary>
    public static BsonValue Id(ResolvedCollection collection, string id, int index) =>
        MongoIdConverter.TryConvert(id, collection.IdType)
            ?? throw new CrudRejectedException(ErrorCodes.InvalidData, $"entry {index}: the id is not a valid {collection.IdType} for collection '{collection.Name}'", index);

    private BsonDocument? Update(ResolvedCollection collection, CrudEntry entry, BsonValue id, int index)
    {
        var set = new BsonDocument();
        var unset = new BsonDocument();
        var supplied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in entry.Data.AsSpan())
        {
            // The row id lives in _id; an "id" among the values (some connectors send one) never changes it.
            if (name is "id" or "_id")
            {
                continue;
            }

            if (Field(collection, name, value, index) is not { } converted)
            {
                continue;
            }

            supplied.Add(name);
            if (converted is BsonNull && collection.Nulls == MongoNullHandling.Unset)
            {
                unset.Add(name, new BsonString(string.Empty));
            }
            else
            {
                set.Add(name, converted);
            }
        }

        var isPut = entry.Operation == CrudOperation.Put;
        if (!isPut && supplied.Count == 0)
        {
            return null;
        }

        var upsert = isPut || _options.PatchInsertsMissingDocuments;
        var defaults = new BsonDocument();
        if (upsert)
        {
            foreach (var (name, value) in collection.Defaults)
            {
                if (!supplied.Contains(name))
                {
                    defaults.Add(name, value);
                }
            }
        }

        BsonDocument update;
        if (isPut && collection.PutMode == MongoPutMode.Replace)
        {
            // A replacement document: what the client sent, then the defaults of what it did not.
            update = set;
            foreach (var (name, value) in defaults.Elements)
            {
                update.Add(name, value);
            }
        }
        else
        {
            update = new BsonDocument();
            if (set.Count > 0 || (unset.Count == 0 && defaults.Count == 0))
            {
                update.Add("$set", set);
            }

            if (unset.Count > 0)
            {
                update.Add("$unset", unset);
            }

            if (defaults.Count > 0)
            {
                update.Add("$setOnInsert", defaults);
            }
        }

        var statement = new BsonDocument().Add("q", new BsonDocument().Add("_id", id)).Add("u", update);
        return upsert ? statement.Add("upsert", new BsonBoolean(true)) : statement;
    }

    private static BsonValue? Field(ResolvedCollection collection, string name, CrudValue value, int index)
    {
        if (!MongoNames.IsWritableField(name))
        {
            throw new CrudRejectedException(ErrorCodes.SchemaMismatch, $"entry {index}: field '{name}' cannot be written to MongoDB (empty, '$' first, '.', or NUL)", index);
        }

        BsonValue? converted;
        string? problem;
        if (collection.Types.TryGetValue(name, out var type))
        {
            converted = MongoValueConverter.TryConvert(value, type, out problem);
        }
        else
        {
            switch (collection.UnknownFields)
            {
                case MongoUnknownFields.Drop:
                    return null;
                case MongoUnknownFields.Reject:
                    throw new CrudRejectedException(ErrorCodes.SchemaMismatch, $"entry {index}: collection '{collection.Name}' has no field '{name}'", index);
                default:
                    converted = MongoValueConverter.TryKeep(value, out problem);
                    break;
            }
        }

        return converted ?? throw new CrudRejectedException(ErrorCodes.InvalidData, $"entry {index}, field '{name}': {problem}", index);
    }
}
