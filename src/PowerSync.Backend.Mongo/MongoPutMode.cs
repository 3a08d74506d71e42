namespace PowerSync.Backend.Mongo;

/// <summary>What a PUT does to an existing document.</summary>
public enum MongoPutMode
{
    /// <summary>Upsert with <c>$set</c> of the supplied fields: fields the client omitted are kept.</summary>
    Merge,

    /// <summary>Upsert with a replacement document: fields the client omitted are removed (or reset to their defaults).</summary>
    Replace,
}
