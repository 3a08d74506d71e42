namespace PowerSync.Backend.Mongo;

/// <summary>What a <c>null</c> the client sent does to a field.</summary>
public enum MongoNullHandling
{
    /// <summary>The field is stored with the value null.</summary>
    StoreNull,

    /// <summary>The field is removed (<c>$unset</c>; left out of a replacement).</summary>
    Unset,
}
