using System.Runtime.InteropServices;

namespace PowerSync.Backend.MySql.TestDriver.Native;

/// <summary>Owns one <c>MYSQL*</c> from <c>mysql_init</c>; releasing it calls <c>mysql_close</c>.</summary>
/// <remarks>
/// <c>mysql_close</c> is right both after a successful connect (it sends COM_QUIT) and after a failed one
/// (it frees what <c>mysql_init</c> allocated).
/// </remarks>
internal sealed class MariaDbHandle : SafeHandle
{
    /// <summary>Used by the LibraryImport marshaller for <c>mysql_init</c>'s return value.</summary>
    public MariaDbHandle()
        : base(0, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        LibMariaDb.Close(handle);
        return true;
    }
}
