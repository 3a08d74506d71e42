using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using PowerSync.Backend.MySql.TestDriver.Internal;
using PowerSync.Backend.MySql.TestDriver.Native;

namespace PowerSync.Backend.MySql.Tests.TestDriver;

/// <summary>
/// Proves the managed <see cref="MySqlField"/> matches libmariadb's <c>MYSQL_FIELD</c>: the size by the array
/// stride the library itself uses, every field by the values the server reports for a known table.
/// </summary>
public sealed class FieldLayoutTests : IAsyncLifetime
{
    private readonly string _table = MariaDbServer.UniqueName("td_layout");

    public async Task InitializeAsync()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await connection.ExecAsync($"""
            CREATE TABLE `{_table}` (
              id INT UNSIGNED NOT NULL PRIMARY KEY,
              price DECIMAL(10,3) NULL,
              name VARCHAR(20) NULL,
              data VARBINARY(8) NULL);
            INSERT INTO `{_table}` VALUES (7, 12.5, 'héllo', X'00FF10')
            """);
    }

    public Task DisposeAsync() => MariaDbTestExtensions.DropTablesAsync(_table);

    [Fact]
    public void Managed_struct_has_the_x64_MYSQL_FIELD_offsets()
    {
        Assert.Equal(128, Unsafe.SizeOf<MySqlField>());
        Assert.Equal(56, (int)Marshal.OffsetOf<MySqlField>(nameof(MySqlField.Length)));
        Assert.Equal(72, (int)Marshal.OffsetOf<MySqlField>(nameof(MySqlField.NameLength)));
        Assert.Equal(100, (int)Marshal.OffsetOf<MySqlField>(nameof(MySqlField.Flags)));
        Assert.Equal(108, (int)Marshal.OffsetOf<MySqlField>(nameof(MySqlField.CharsetNumber)));
        Assert.Equal(112, (int)Marshal.OffsetOf<MySqlField>(nameof(MySqlField.Type)));
        Assert.Equal(120, (int)Marshal.OffsetOf<MySqlField>(nameof(MySqlField.Extension)));
    }

    [Fact]
    public async Task Text_column_charset_number_names_a_utf8mb4_collation()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using var reader = await connection.Command($"SELECT name FROM `{_table}`").ExecuteReaderAsync();
        var charset = reader.GetColumnInfo(0).CharsetNumber;
        await reader.CloseAsync();

        Assert.Equal("utf8mb4", await connection.ScalarAsync("SELECT CHARACTER_SET_NAME FROM information_schema.COLLATIONS WHERE ID = @id", ("id", charset)));
    }

    [Fact]
    public unsafe void Library_field_array_stride_and_contents_match_the_managed_struct()
    {
        var settings = MariaDbConnectionSettings.Parse(MariaDbServer.ConnectionString);
        LibMariaDb.EnsureInitialized();
        using var handle = LibMariaDb.Init(0);
        Assert.Equal(0, LibMariaDb.Options(handle, MySqlOption.SetCharsetName, "utf8mb4"));
        var protocol = ClientConstants.ProtocolTcp;
        Assert.Equal(0, LibMariaDb.Options(handle, MySqlOption.Protocol, &protocol));
        Assert.NotEqual(0, LibMariaDb.RealConnect(handle, settings.Host, settings.User, settings.Password, settings.Database, settings.Port, null, default));

        var sql = Encoding.UTF8.GetBytes($"SELECT id AS ident, price, name, data FROM `{_table}`");
        fixed (byte* query = sql)
        {
            Assert.Equal(0, LibMariaDb.RealQuery(handle, query, new CULong((nuint)sql.Length)));
        }

        Assert.Equal(4u, LibMariaDb.FieldCount(handle));
        var result = LibMariaDb.StoreResult(handle);
        Assert.NotEqual(0, result);
        try
        {
            Assert.Equal(4u, LibMariaDb.NumFields(result));
            var fields = LibMariaDb.FetchFields(result);
            for (uint i = 0; i < 4; i++)
            {
                // The library indexes its own array with sizeof(MYSQL_FIELD); equal addresses prove equal sizes.
                Assert.True(LibMariaDb.FetchFieldDirect(result, i) == fields + i, $"stride differs at field {i}");
            }

            AssertField(fields[0], "ident", "id", MySqlFieldType.Long, ClientConstants.BinaryCharset, length: 10, decimals: 0);
            Assert.Equal(1u | 2u | ClientConstants.UnsignedFlag, fields[0].Flags & (1u | 2u | ClientConstants.UnsignedFlag));
            AssertField(fields[1], "price", "price", MySqlFieldType.NewDecimal, ClientConstants.BinaryCharset, length: 12, decimals: 3);
            Assert.Equal(0u, fields[1].Flags & 1u);
            AssertField(fields[2], "name", "name", MySqlFieldType.VarString, charset: null, length: 20 * 4, decimals: 0);
            AssertField(fields[3], "data", "data", MySqlFieldType.VarString, ClientConstants.BinaryCharset, length: 8, decimals: 0);

            var row = LibMariaDb.FetchRow(result);
            Assert.True(row != null);
            var lengths = LibMariaDb.FetchLengths(result);
            Assert.Equal("7", Encoding.UTF8.GetString(row[0], (int)lengths[0].Value));
            Assert.Equal("12.500", Encoding.UTF8.GetString(row[1], (int)lengths[1].Value));
            Assert.Equal("héllo", Encoding.UTF8.GetString(row[2], (int)lengths[2].Value));
            Assert.Equal(new byte[] { 0x00, 0xFF, 0x10 }, new ReadOnlySpan<byte>(row[3], (int)lengths[3].Value).ToArray());
            Assert.True(LibMariaDb.FetchRow(result) == null);
        }
        finally
        {
            LibMariaDb.FreeResult(result);
        }

        void AssertField(in MySqlField field, string name, string originalName, MySqlFieldType type, uint? charset, ulong length, uint decimals)
        {
            Assert.Equal(name, Text(field.Name, field.NameLength));
            Assert.Equal(originalName, Text(field.OrgName, field.OrgNameLength));
            Assert.Equal(_table, Text(field.Table, field.TableLength));
            Assert.Equal(_table, Text(field.OrgTable, field.OrgTableLength));
            Assert.Equal(settings.Database, Text(field.Db, field.DbLength));
            Assert.Equal("def", Text(field.Catalog, field.CatalogLength));
            Assert.Equal(type, field.Type);
            Assert.Equal(length, field.Length.Value);
            Assert.Equal(decimals, field.Decimals);
            if (charset is { } expected)
            {
                Assert.Equal(expected, field.CharsetNumber);
            }
            else
            {
                Assert.NotEqual(ClientConstants.BinaryCharset, field.CharsetNumber);
            }
        }
    }

    private static unsafe string Text(byte* text, uint length) => text == null ? "<null>" : Encoding.UTF8.GetString(text, (int)length);
}
