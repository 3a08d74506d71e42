using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Translation;

/// <summary>The configured collections, checked once at start-up and frozen: names, id types, field types and coerced defaults.</summary>
internal sealed class MongoCollectionMap
{
    private readonly Dictionary<string, ResolvedCollection> _tables;

    private MongoCollectionMap(Dictionary<string, ResolvedCollection> tables) => _tables = tables;

    /// <summary>Checks <paramref name="options"/> and freezes its collections.</summary>
    /// <exception cref="ArgumentException">A name MongoDB cannot take, a bad default, or another invalid setting.</exception>
    public static MongoCollectionMap Create(MongoBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Require(options, MongoNames.IsDatabase(options.Database), $"Database '{options.Database}' is not a valid MongoDB database name.");
        Require(options, MongoNames.IsCollection(options.LedgerCollection) && MongoNames.IsCollection(options.DeadLetterCollection), "LedgerCollection and DeadLetterCollection must be valid collection names.");
        Require(options, options.MaxStatementsPerCommand is > 0 and <= 100_000, "MaxStatementsPerCommand must be between 1 and 100,000 (MongoDB's maxWriteBatchSize).");
        Require(options, options.WriteConflictTimeLimit >= TimeSpan.Zero, "WriteConflictTimeLimit must not be negative.");
        var tables = new Dictionary<string, ResolvedCollection>(StringComparer.Ordinal);
        foreach (var (table, collection) in options.Collections)
        {
            var name = collection.Name ?? table;
            Require(options, MongoNames.IsCollection(name), $"Collection '{name}' (table '{table}') is not a valid MongoDB collection name.");
            Require(options, name != options.LedgerCollection && name != options.DeadLetterCollection, $"Table '{table}' may not write the ledger or dead-letter collection.");
            var types = new Dictionary<string, MongoFieldType>(StringComparer.Ordinal);
            var defaults = new List<KeyValuePair<string, BsonValue>>();
            foreach (var (field, declared) in collection.Fields)
            {
                Require(options, MongoNames.IsWritableField(field) && field is not ("id" or "_id"), $"Field '{field}' of table '{table}' cannot be written through update operators (empty, '$' first, '.', NUL, or the id).");
                types[field] = declared.Type;
                if (declared.Default is { } value)
                {
                    var converted = MongoValueConverter.TryConvert(value, declared.Type, out var problem);
                    Require(options, converted is not null, $"The default of field '{field}' of table '{table}': {problem}.");
                    defaults.Add(new(field, converted!));
                }
            }

            tables[table] = new ResolvedCollection(table, name, collection.IdType, collection.PutMode, collection.Nulls, collection.UnknownFields, types, defaults);
        }

        return new MongoCollectionMap(tables);
    }

    /// <summary>Finds a table's collection (names compare ordinally).</summary>
    public bool TryGet(string table, out ResolvedCollection collection) => _tables.TryGetValue(table, out collection!);

    private static void Require(MongoBackendOptions options, bool condition, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException("Invalid MongoDB options: " + problem, nameof(options));
        }
    }
}

/// <summary>One table's collection, as configured.</summary>
internal sealed record ResolvedCollection(
    string Table,
    string Name,
    MongoIdType IdType,
    MongoPutMode PutMode,
    MongoNullHandling Nulls,
    MongoUnknownFields UnknownFields,
    IReadOnlyDictionary<string, MongoFieldType> Types,
    IReadOnlyList<KeyValuePair<string, BsonValue>> Defaults);
