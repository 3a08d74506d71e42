using System.Runtime.InteropServices;
using System.Text;
using PowerSync.Backend.MySql.TestDriver.Native;

namespace PowerSync.Backend.MySql.TestDriver.Internal;

/// <summary>One connected <c>MYSQL*</c>: connect, run a query text to the end, escape strings.</summary>
/// <remarks>
/// Not thread-safe, like every ADO.NET connection; concurrent use is detected and refused because two threads on
/// one <c>MYSQL*</c> would corrupt native state instead of failing politely.
/// </remarks>
internal sealed unsafe class MariaDbSession : IDisposable
{
    // MariaDB 10.x servers prefix their version with this so that old replicas accept them; the client strips it.
    private const string ReplicationVersionHack = "5.5.5-";

    private readonly MariaDbHandle _handle;
    private int _busy;

    private MariaDbSession(MariaDbHandle handle, string serverVersion, ulong threadId)
    {
        _handle = handle;
        ServerVersion = serverVersion;
        ThreadId = threadId;
    }

    /// <summary>The server's version string, e.g. <c>10.11.19-MariaDB-0+deb12u1</c>.</summary>
    public string ServerVersion { get; }

    /// <summary>The server's connection id (<c>CONNECTION_ID()</c>).</summary>
    public ulong ThreadId { get; }

    /// <summary>Connects; a failure throws <see cref="MariaDbException"/> with the client's error number.</summary>
    public static MariaDbSession Connect(MariaDbConnectionSettings settings)
    {
        LibMariaDb.EnsureInitialized();
        var handle = LibMariaDb.Init(0);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new InvalidOperationException("mysql_init returned NULL (out of memory).");
        }

        try
        {
            SetOption(handle, MySqlOption.SetCharsetName, "utf8mb4");
            // MySqlConnector treats "localhost" as TCP too; libmariadb would otherwise look for a Unix socket.
            SetOption(handle, MySqlOption.Protocol, ClientConstants.ProtocolTcp);
            SetOption(handle, MySqlOption.ConnectTimeout, settings.ConnectionTimeout);
            SetOption(handle, MySqlOption.ReadTimeout, settings.DefaultCommandTimeout);
            SetOption(handle, MySqlOption.WriteTimeout, settings.DefaultCommandTimeout);

            // MULTI_STATEMENTS/MULTI_RESULTS: a command text may hold several statements, as in MySqlConnector.
            // FOUND_ROWS unless UseAffectedRows: MySqlConnector's default (UseAffectedRows=false), so UPDATE
            // reports matched rows and an upsert that changes nothing still reports 1.
            var flags = ClientConstants.ClientMultiStatements | ClientConstants.ClientMultiResults;
            if (!settings.UseAffectedRows)
            {
                flags |= ClientConstants.ClientFoundRows;
            }

            var connected = LibMariaDb.RealConnect(
                handle, settings.Host, settings.User, settings.Password, settings.Database, settings.Port, null, new CULong((nuint)flags));
            if (connected == 0)
            {
                throw CreateException(handle);
            }

            var version = Utf8(LibMariaDb.GetServerInfo(handle));
            if (version.StartsWith(ReplicationVersionHack, StringComparison.Ordinal))
            {
                version = version[ReplicationVersionHack.Length..];
            }

            return new MariaDbSession(handle, version, LibMariaDb.ThreadId(handle).Value);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="sql"/> and buffers every result; the first failing statement throws.</summary>
    public CommandResult Execute(string sql)
    {
        var bytes = Encoding.UTF8.GetBytes(sql);
        EnterBusy();
        try
        {
            int status;
            fixed (byte* query = bytes)
            {
                status = LibMariaDb.RealQuery(_handle, query, new CULong((nuint)bytes.Length));
            }

            if (status != 0)
            {
                throw CreateException(_handle);
            }

            return ReadResults();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Selects the default database (<c>mysql_select_db</c>).</summary>
    public void SelectDatabase(string database)
    {
        EnterBusy();
        try
        {
            if (LibMariaDb.SelectDb(_handle, database) != 0)
            {
                throw CreateException(_handle);
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>The body of a single-quoted SQL literal for <paramref name="value"/> (<c>mysql_real_escape_string</c>).</summary>
    /// <remarks>
    /// The library escapes NUL, quotes, backslash, CR, LF and Ctrl-Z for the connection's character set, or doubles
    /// quotes when the server runs with NO_BACKSLASH_ESCAPES.
    /// </remarks>
    public string Escape(string value)
    {
        var from = Encoding.UTF8.GetBytes(value);
        var to = new byte[(from.Length * 2) + 1];
        nuint written;
        fixed (byte* source = from)
        fixed (byte* target = to)
        {
            written = LibMariaDb.RealEscapeString(_handle, target, source, new CULong((nuint)from.Length)).Value;
        }

        if (written == nuint.MaxValue || written > (nuint)to.Length)
        {
            throw CreateException(_handle);
        }

        return Encoding.UTF8.GetString(to, 0, (int)written);
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private static void SetOption(MariaDbHandle handle, MySqlOption option, string value)
    {
        if (LibMariaDb.Options(handle, option, value) != 0)
        {
            throw new InvalidOperationException($"mysql_options({option}) failed.");
        }
    }

    private static void SetOption(MariaDbHandle handle, MySqlOption option, uint value)
    {
        if (LibMariaDb.Options(handle, option, &value) != 0)
        {
            throw new InvalidOperationException($"mysql_options({option}) failed.");
        }
    }

    private static MariaDbException CreateException(MariaDbHandle handle)
    {
        var number = (int)LibMariaDb.Errno(handle);
        var sqlState = Utf8(LibMariaDb.SqlState(handle));
        var message = Utf8(LibMariaDb.Error(handle));
        return new MariaDbException(message.Length == 0 ? $"MariaDB error {number}." : message, number, sqlState);
    }

    private static string Utf8(byte* text) => text == null ? string.Empty : Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;

    private void EnterBusy()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            throw new InvalidOperationException("This MariaDbConnection is already in use by another operation.");
        }
    }

    private CommandResult ReadResults()
    {
        var resultSets = new List<ResultSetData>();
        long recordsAffected = -1;
        ulong lastInsertId = 0;
        var complete = false;
        try
        {
            while (true)
            {
                if (LibMariaDb.FieldCount(_handle) > 0)
                {
                    var result = LibMariaDb.StoreResult(_handle);
                    if (result == 0)
                    {
                        throw CreateException(_handle);
                    }

                    try
                    {
                        resultSets.Add(ReadResultSet(result));
                    }
                    finally
                    {
                        LibMariaDb.FreeResult(result);
                    }
                }
                else
                {
                    // mysql_affected_rows is only meaningful for statements without a result set.
                    recordsAffected = Math.Max(recordsAffected, 0) + (long)LibMariaDb.AffectedRows(_handle);
                    lastInsertId = LibMariaDb.InsertId(_handle);
                }

                if (LibMariaDb.MoreResults(_handle) == 0)
                {
                    complete = true;
                    break;
                }

                var next = LibMariaDb.NextResult(_handle);
                if (next > 0)
                {
                    // The server stops at the failing statement, so nothing is left to drain.
                    complete = true;
                    throw CreateException(_handle);
                }

                if (next < 0)
                {
                    complete = true;
                    break;
                }
            }
        }
        finally
        {
            if (!complete)
            {
                Drain();
            }
        }

        return new CommandResult(resultSets, recordsAffected, lastInsertId);
    }

    // Keeps the connection usable when reading failed half-way (e.g. out of memory): the protocol demands
    // every pending result be consumed before the next query.
    private void Drain()
    {
        while (LibMariaDb.MoreResults(_handle) != 0 && LibMariaDb.NextResult(_handle) == 0)
        {
            var result = LibMariaDb.StoreResult(_handle);
            if (result != 0)
            {
                LibMariaDb.FreeResult(result);
            }
        }
    }

    private static ResultSetData ReadResultSet(nint result)
    {
        var count = (int)LibMariaDb.NumFields(result);
        var fields = LibMariaDb.FetchFields(result);
        var columns = new ColumnInfo[count];
        for (var i = 0; i < count; i++)
        {
            ref readonly var field = ref fields[i];
            columns[i] = new ColumnInfo(
                Text(field.Name, field.NameLength),
                Text(field.OrgName, field.OrgNameLength),
                Text(field.Table, field.TableLength),
                field.Type,
                field.Flags,
                field.CharsetNumber,
                field.Length.Value,
                field.Decimals);
        }

        var rows = new List<byte[]?[]>();
        byte** row;
        while ((row = LibMariaDb.FetchRow(result)) != null)
        {
            var lengths = LibMariaDb.FetchLengths(result);
            var cells = new byte[]?[count];
            for (var i = 0; i < count; i++)
            {
                cells[i] = row[i] == null ? null : new ReadOnlySpan<byte>(row[i], checked((int)lengths[i].Value)).ToArray();
            }

            rows.Add(cells);
        }

        return new ResultSetData(columns, rows);
    }

    private static string Text(byte* text, uint length) =>
        text == null ? string.Empty : Encoding.UTF8.GetString(text, checked((int)length));
}
