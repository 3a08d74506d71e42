namespace PowerSync.Backend.MySql.TestDriver.Native;

/// <summary>Numbers from <c>mariadb_com.h</c> used by the driver.</summary>
internal static class ClientConstants
{
    /// <summary><c>CLIENT_FOUND_ROWS</c>: UPDATE reports matched rows, not changed rows.</summary>
    public const ulong ClientFoundRows = 1UL << 1;

    /// <summary><c>CLIENT_MULTI_STATEMENTS</c>: one query text may hold several statements.</summary>
    public const ulong ClientMultiStatements = 1UL << 16;

    /// <summary><c>CLIENT_MULTI_RESULTS</c>: the client reads several results per query.</summary>
    public const ulong ClientMultiResults = 1UL << 17;

    /// <summary><c>MYSQL_PROTOCOL_TCP</c>.</summary>
    public const uint ProtocolTcp = 1;

    /// <summary><c>UNSIGNED_FLAG</c> of <c>MYSQL_FIELD.flags</c>.</summary>
    public const uint UnsignedFlag = 32;

    /// <summary><c>ENUM_FLAG</c> of <c>MYSQL_FIELD.flags</c>.</summary>
    public const uint EnumFlag = 256;

    /// <summary><c>SET_FLAG</c> of <c>MYSQL_FIELD.flags</c>.</summary>
    public const uint SetFlag = 2048;

    /// <summary>The <c>binary</c> pseudo character set: the column holds bytes, not text.</summary>
    public const uint BinaryCharset = 63;
}
