using System.Runtime.InteropServices;

namespace PowerSync.Backend.MySql.TestDriver.Native;

/// <summary>
/// <c>MYSQL_FIELD</c> exactly as <c>include/mysql.h</c> of MariaDB Connector/C 3.x declares it
/// (unchanged from 3.0 to 3.4): seven <c>char*</c>, two <c>unsigned long</c>, ten <c>unsigned int</c>,
/// <c>enum enum_field_types</c>, <c>void* extension</c>. On Linux x64 that is 128 bytes with the type at
/// offset 112 and four bytes of padding before <c>extension</c>.
/// </summary>
/// <remarks>
/// The layout is checked against the live library by the tests: the array stride of
/// <c>mysql_fetch_fields</c> must equal the distance between <c>mysql_fetch_field_direct(res, 0)</c> and
/// <c>(res, 1)</c>, and every name/length/type/charset read through this struct must match the column it
/// describes.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MySqlField
{
    public byte* Name;
    public byte* OrgName;
    public byte* Table;
    public byte* OrgTable;
    public byte* Db;
    public byte* Catalog;
    public byte* Def;
    public CULong Length;
    public CULong MaxLength;
    public uint NameLength;
    public uint OrgNameLength;
    public uint TableLength;
    public uint OrgTableLength;
    public uint DbLength;
    public uint CatalogLength;
    public uint DefLength;
    public uint Flags;
    public uint Decimals;
    public uint CharsetNumber;
    public MySqlFieldType Type;
    public void* Extension;
}
