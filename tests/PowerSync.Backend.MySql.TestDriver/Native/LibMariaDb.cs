using System.Runtime.InteropServices;

namespace PowerSync.Backend.MySql.TestDriver.Native;

/// <summary>
/// The slice of MariaDB Connector/C 3.3 (<c>libmariadb.so.3</c>) this driver calls.
/// </summary>
/// <remarks>
/// C <c>unsigned long</c> is <see cref="CULong"/> (64-bit on Linux x64), <c>my_ulonglong</c> is
/// <see cref="ulong"/>, <c>my_bool</c> is one byte. Every call on one <c>MYSQL*</c> is made by one thread at a
/// time (the session guards it); calls on different handles may run in parallel once the library is initialised.
/// </remarks>
internal static unsafe partial class LibMariaDb
{
    /// <summary>The SONAME of the Debian package <c>libmariadb3</c>.</summary>
    public const string LibraryName = "libmariadb.so.3";

    private static readonly Lock InitLock = new();
    private static bool s_initialized;

    /// <summary>Calls <c>mysql_library_init</c> once; <c>mysql_init</c> would do it lazily, but not thread-safely.</summary>
    public static void EnsureInitialized()
    {
        lock (InitLock)
        {
            if (s_initialized)
            {
                return;
            }

            if (ServerInit(0, 0, 0) != 0)
            {
                throw new InvalidOperationException("mysql_library_init failed in " + LibraryName + ".");
            }

            s_initialized = true;
        }
    }

    // mysql_library_init is a macro for mysql_server_init.
    [LibraryImport(LibraryName, EntryPoint = "mysql_server_init")]
    private static partial int ServerInit(int argc, nint argv, nint groups);

    [LibraryImport(LibraryName, EntryPoint = "mysql_init")]
    public static partial MariaDbHandle Init(nint mysql);

    [LibraryImport(LibraryName, EntryPoint = "mysql_options", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Options(MariaDbHandle mysql, MySqlOption option, string value);

    [LibraryImport(LibraryName, EntryPoint = "mysql_options")]
    public static partial int Options(MariaDbHandle mysql, MySqlOption option, uint* value);

    [LibraryImport(LibraryName, EntryPoint = "mysql_real_connect", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint RealConnect(
        MariaDbHandle mysql, string host, string? user, string? password, string? database, uint port, string? unixSocket, CULong clientFlags);

    [LibraryImport(LibraryName, EntryPoint = "mysql_close")]
    public static partial void Close(nint mysql);

    [LibraryImport(LibraryName, EntryPoint = "mysql_select_db", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SelectDb(MariaDbHandle mysql, string database);

    [LibraryImport(LibraryName, EntryPoint = "mysql_real_query")]
    public static partial int RealQuery(MariaDbHandle mysql, byte* query, CULong length);

    [LibraryImport(LibraryName, EntryPoint = "mysql_store_result")]
    public static partial nint StoreResult(MariaDbHandle mysql);

    [LibraryImport(LibraryName, EntryPoint = "mysql_field_count")]
    public static partial uint FieldCount(MariaDbHandle mysql);

    [LibraryImport(LibraryName, EntryPoint = "mysql_num_fields")]
    public static partial uint NumFields(nint result);

    [LibraryImport(LibraryName, EntryPoint = "mysql_fetch_fields")]
    public static partial MySqlField* FetchFields(nint result);

    [LibraryImport(LibraryName, EntryPoint = "mysql_fetch_field_direct")]
    public static partial MySqlField* FetchFieldDirect(nint result, uint fieldNumber);

    [LibraryImport(LibraryName, EntryPoint = "mysql_fetch_row")]
    public static partial byte** FetchRow(nint result);

    [LibraryImport(LibraryName, EntryPoint = "mysql_fetch_lengths")]
    public static partial CULong* FetchLengths(nint result);

    [LibraryImport(LibraryName, EntryPoint = "mysql_free_result")]
    public static partial void FreeResult(nint result);

    [LibraryImport(LibraryName, EntryPoint = "mysql_affected_rows")]
    public static partial ulong AffectedRows(MariaDbHandle mysql);

    [LibraryImport(LibraryName, EntryPoint = "mysql_insert_id")]
    public static partial ulong InsertId(MariaDbHandle mysql);

    [LibraryImport(LibraryName, EntryPoint = "mysql_more_results")]
    public static partial byte MoreResults(MariaDbHandle mysql);

    /// <summary>0: another result follows; -1: no more results; above 0: an error.</summary>
    [LibraryImport(LibraryName, EntryPoint = "mysql_next_result")]
    public static partial int NextResult(MariaDbHandle mysql);

    [LibraryImport(LibraryName, EntryPoint = "mysql_errno")]
    public static partial uint Errno(MariaDbHandle mysql);

    [LibraryImport(LibraryName, EntryPoint = "mysql_sqlstate")]
    public static partial byte* SqlState(MariaDbHandle mysql);

    [LibraryImport(LibraryName, EntryPoint = "mysql_error")]
    public static partial byte* Error(MariaDbHandle mysql);

    /// <summary>Escapes <paramref name="length"/> bytes; <paramref name="to"/> must hold 2 × length + 1 bytes.</summary>
    [LibraryImport(LibraryName, EntryPoint = "mysql_real_escape_string")]
    public static partial CULong RealEscapeString(MariaDbHandle mysql, byte* to, byte* from, CULong length);

    [LibraryImport(LibraryName, EntryPoint = "mysql_get_server_info")]
    public static partial byte* GetServerInfo(MariaDbHandle mysql);

    [LibraryImport(LibraryName, EntryPoint = "mysql_thread_id")]
    public static partial CULong ThreadId(MariaDbHandle mysql);
}
