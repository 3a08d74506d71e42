namespace PowerSync.Backend.Mongo;

/// <summary>How a PowerSync row id (always text) is stored in <c>_id</c>.</summary>
public enum MongoIdType
{
    /// <summary>As the string the client sent.</summary>
    String,

    /// <summary>As an ObjectId; the id must be 24 hexadecimal digits.</summary>
    ObjectId,

    /// <summary>As a UUID (binary subtype 4, RFC 4122 byte order); the id must be UUID text.</summary>
    Uuid,
}
