namespace PowerSync.Backend.Mongo;

/// <summary>What happens to a field the collection's schema does not declare.</summary>
public enum MongoUnknownFields
{
    /// <summary>Written as the client sent it (documents are schemaless).</summary>
    Keep,

    /// <summary>Silently left out.</summary>
    Drop,

    /// <summary>The entry is refused with <c>SCHEMA_MISMATCH</c>.</summary>
    Reject,
}
