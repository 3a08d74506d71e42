namespace PowerSync.Backend.Mongo;

/// <summary>The BSON type a field's values are coerced to before they are written.</summary>
public enum MongoFieldType
{
    /// <summary>Text; numbers and booleans are written as their invariant text.</summary>
    String,

    /// <summary>Boolean, from <c>0</c>/<c>1</c>, <c>true</c>/<c>false</c>, or that text.</summary>
    Boolean,

    /// <summary>32-bit integer, from integers, whole reals or numeric text in range.</summary>
    Int32,

    /// <summary>64-bit integer, from integers, whole reals or numeric text in range.</summary>
    Int64,

    /// <summary>Double, from any number or numeric text.</summary>
    Double,

    /// <summary>Decimal128, from numbers or numeric text, every digit kept (at most 34 significant digits).</summary>
    Decimal128,

    /// <summary>UTC date-time (milliseconds), from ISO-8601 text or Unix epoch milliseconds.</summary>
    Date,

    /// <summary>Embedded document, from JSON object text or a JSON object.</summary>
    Document,

    /// <summary>Array, from JSON array text or a JSON array.</summary>
    Array,

    /// <summary>Embedded document or array, from JSON text or a JSON value.</summary>
    Json,

    /// <summary>ObjectId, from 24 hexadecimal digits.</summary>
    ObjectId,

    /// <summary>UUID (binary subtype 4), from UUID text.</summary>
    Uuid,
}
