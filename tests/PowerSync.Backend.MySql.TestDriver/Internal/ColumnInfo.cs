using PowerSync.Backend.MySql.TestDriver.Native;

namespace PowerSync.Backend.MySql.TestDriver.Internal;

/// <summary>What <c>MYSQL_FIELD</c> said about one column, copied out of native memory.</summary>
internal sealed record ColumnInfo(
    string Name,
    string OriginalName,
    string Table,
    MySqlFieldType Type,
    uint Flags,
    uint CharsetNumber,
    ulong Length,
    uint Decimals)
{
    /// <summary>UNSIGNED_FLAG is set.</summary>
    public bool IsUnsigned => (Flags & ClientConstants.UnsignedFlag) != 0;

    /// <summary>The column holds bytes (charset 63: BINARY, VARBINARY, BLOB, BIT, GEOMETRY), not text.</summary>
    public bool IsBinary => CharsetNumber == ClientConstants.BinaryCharset;
}
