namespace PowerSync.Backend.Mongo.Bson;

/// <summary>
/// One BSON value, as far as this package needs BSON: the types the applier writes and the types a server's
/// reply carries. Types it does not model (timestamps, regular expressions, …) are read as plain documents.
/// </summary>
/// <remarks>A small model of our own because MongoDB.Driver (and so MongoDB.Bson) cannot be a dependency.</remarks>
internal abstract record BsonValue
{
    /// <summary>The BSON null value.</summary>
    public static BsonNull Null => BsonNull.Instance;
}

/// <summary>BSON null.</summary>
internal sealed record BsonNull : BsonValue
{
    private BsonNull()
    {
    }

    public static BsonNull Instance { get; } = new();
}

/// <summary>BSON boolean.</summary>
internal sealed record BsonBoolean(bool Value) : BsonValue;

/// <summary>BSON 32-bit integer.</summary>
internal sealed record BsonInt32(int Value) : BsonValue;

/// <summary>BSON 64-bit integer.</summary>
internal sealed record BsonInt64(long Value) : BsonValue;

/// <summary>BSON double.</summary>
internal sealed record BsonDouble(double Value) : BsonValue;

/// <summary>BSON Decimal128, held as its canonical string (see <see cref="Decimal128Text"/>).</summary>
internal sealed record BsonDecimal128(string Value) : BsonValue;

/// <summary>BSON UTF-8 string.</summary>
internal sealed record BsonString(string Value) : BsonValue;

/// <summary>BSON UTC date-time: milliseconds since the Unix epoch.</summary>
internal sealed record BsonDateTime(long MillisecondsSinceEpoch) : BsonValue;

/// <summary>BSON ObjectId, held as 24 lowercase hexadecimal digits.</summary>
internal sealed record BsonObjectId(string Hex) : BsonValue;

/// <summary>BSON binary data with its subtype (4 for a UUID).</summary>
internal sealed record BsonBinary(byte SubType, byte[] Bytes) : BsonValue
{
    /// <inheritdoc />
    public bool Equals(BsonBinary? other) => other is not null && other.SubType == SubType && other.Bytes.AsSpan().SequenceEqual(Bytes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SubType, Bytes.Length);
}

/// <summary>BSON array.</summary>
internal sealed record BsonArray(List<BsonValue> Items) : BsonValue
{
    public BsonArray()
        : this(new List<BsonValue>())
    {
    }
}
