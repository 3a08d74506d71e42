using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Mongo;

/// <summary>How one client table (after the pipeline's mapping) is written to its collection.</summary>
public sealed class MongoCollectionOptions
{
    /// <summary>The collection's name.</summary>
    /// <value><see langword="null"/>: the table's name.</value>
    public string? Name { get; set; }

    /// <summary>How row ids are stored in <c>_id</c>.</summary>
    /// <value><see cref="MongoIdType.String"/>.</value>
    public MongoIdType IdType { get; set; } = MongoIdType.String;

    /// <summary>What a PUT does to an existing document.</summary>
    /// <value><see cref="MongoPutMode.Merge"/>.</value>
    public MongoPutMode PutMode { get; set; } = MongoPutMode.Merge;

    /// <summary>What a <c>null</c> does to a field (PUT and PATCH alike).</summary>
    /// <value><see cref="MongoNullHandling.StoreNull"/>.</value>
    public MongoNullHandling Nulls { get; set; } = MongoNullHandling.StoreNull;

    /// <summary>What happens to fields <see cref="Fields"/> does not declare.</summary>
    /// <value><see cref="MongoUnknownFields.Keep"/>.</value>
    public MongoUnknownFields UnknownFields { get; set; } = MongoUnknownFields.Keep;

    /// <summary>Declared fields (names compare ordinally); values of other fields are written as sent.</summary>
    public IDictionary<string, MongoField> Fields { get; } = new Dictionary<string, MongoField>(StringComparer.Ordinal);

    /// <summary>Declares a field.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="type">The BSON type values are coerced to.</param>
    /// <param name="defaultValue">The value new documents get when the client did not send the field.</param>
    /// <returns>These options.</returns>
    public MongoCollectionOptions Field(string name, MongoFieldType type, CrudValue? defaultValue = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Fields[name] = new MongoField(type, defaultValue);
        return this;
    }
}
