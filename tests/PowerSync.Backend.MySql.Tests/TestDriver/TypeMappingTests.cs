using PowerSync.Backend.MySql.TestDriver;

namespace PowerSync.Backend.MySql.Tests.TestDriver;

/// <summary>Every column type, written through parameters and read back as MySqlConnector's default CLR type.</summary>
public sealed class TypeMappingTests : IAsyncLifetime
{
    private static readonly DateTime Moment = new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Unspecified).AddTicks(1_234_560);
    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly byte[] Blob = Enumerable.Range(0, 60_000).Select(i => (byte)(i * 7)).ToArray();

    private readonly string _table = MariaDbServer.UniqueName("td_types");

    public static TheoryData<string, Type, object> Columns => new()
    {
        { "b", typeof(bool), true },
        { "ti", typeof(sbyte), (sbyte)-128 },
        { "tiu", typeof(byte), (byte)255 },
        { "si", typeof(short), short.MinValue },
        { "siu", typeof(ushort), ushort.MaxValue },
        { "mi", typeof(int), -8_388_608 },
        { "i", typeof(int), int.MinValue },
        { "iu", typeof(uint), uint.MaxValue },
        { "bi", typeof(long), long.MinValue },
        { "biu", typeof(ulong), ulong.MaxValue },
        { "f", typeof(float), 3.25f },
        { "d", typeof(double), 0.1 + 0.2 },
        { "dbig", typeof(double), 1.7976931348623157E+308 },
        { "de", typeof(decimal), -12345678901234.123456m },
        { "bit8", typeof(ulong), 0xA5UL },
        { "bit64", typeof(ulong), ulong.MaxValue },
        { "y", typeof(int), 2024 },
        { "dt", typeof(DateTime), Moment },
        { "ts", typeof(DateTime), Moment },
        { "dte", typeof(DateTime), new DateTime(1999, 12, 31) },
        { "tm", typeof(TimeSpan), -new TimeSpan(1, 2, 3, 4, 5) },
        { "tmax", typeof(TimeSpan), new TimeSpan(838, 59, 59) },
        { "vc", typeof(string), "it's 😀 \\ \0" },
        { "ch", typeof(string), "fixed" },
        { "uuid", typeof(Guid), Id },
        { "vc36", typeof(string), Id.ToString() },
        { "txt", typeof(string), new string('t', 70_000) },
        { "js", typeof(string), """{"a": [1, 2, {"b": null}], "c": "ü"}""" },
        { "en", typeof(string), "b" },
        { "st", typeof(string), "x,y" },
        { "bin", typeof(byte[]), Id.ToByteArray() },
        { "vb", typeof(byte[]), new byte[] { 0, 255, 39, 92, 0 } },
        { "bl", typeof(byte[]), Blob },
    };

    public async Task InitializeAsync()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await connection.ExecAsync($"""
            SET time_zone = '+00:00';
            CREATE TABLE `{_table}` (
              id INT PRIMARY KEY,
              b TINYINT(1), ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT,
              i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, f FLOAT, d DOUBLE, dbig DOUBLE, de DECIMAL(20,6),
              bit8 BIT(8), bit64 BIT(64), y YEAR, dt DATETIME(6), ts TIMESTAMP(6) NULL, dte DATE, tm TIME(6), tmax TIME,
              vc VARCHAR(100), ch CHAR(10), uuid CHAR(36), vc36 VARCHAR(36), txt MEDIUMTEXT, js JSON,
              en ENUM('a','b'), st SET('x','y'), bin BINARY(16), vb VARBINARY(100), bl BLOB);
            INSERT INTO `{_table}` VALUES (1, @b, @ti, @tiu, @si, @siu, @mi, @i, @iu, @bi, @biu, @f, @d, @dbig, @de,
              @bit8, @bit64, @y, @dt, @ts, @dte, @tm, @tmax, @vc, @ch, @uuid, @vc36, @txt, @js, @en, @st, @bin, @vb, @bl);
            INSERT INTO `{_table}` (id) VALUES (2);
            """,
            Columns.Select(row => ((string)row[0], (object?)(row[0] is "ts" ? new DateTimeOffset(Moment, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(-5)) : row[2]))).ToArray());
    }

    public Task DisposeAsync() => MariaDbTestExtensions.DropTablesAsync(_table);

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task Each_type_round_trips_as_MySqlConnectors_default_CLR_type(string column, Type clrType, object expected)
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using var reader = await connection.Command($"SET time_zone = '+00:00'; SELECT `{column}` FROM `{_table}` ORDER BY id").ExecuteReaderAsync();

        Assert.Equal(clrType, reader.GetFieldType(0));
        Assert.True(await reader.ReadAsync());
        Assert.False(reader.IsDBNull(0));
        var value = reader.GetValue(0);
        Assert.IsType(clrType, value);
        Assert.Equal(expected, value);
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.IsDBNull(0));
        Assert.Equal(DBNull.Value, reader.GetValue(0));
        Assert.Equal(clrType, reader.GetFieldType(0));
    }

    [Fact]
    public async Task Typed_getters_convert_like_MySqlConnector()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using var reader = await connection.Command($"SELECT b, ti, i, bi, biu, de, d, f, dt, uuid, vc36, bin, tm, dte FROM `{_table}` WHERE id = 1").ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.True(reader.GetBoolean(0));
        Assert.Equal(1, reader.GetInt32(0));
        Assert.Equal(-128L, reader.GetInt64(1));
        Assert.True(reader.GetBoolean(1));
        Assert.Equal((long)int.MinValue, reader.GetInt64(2));
        Assert.Equal(int.MinValue, reader.GetFieldValue<int>(2));
        Assert.Equal((decimal)int.MinValue, reader.GetDecimal(2));
        Assert.Throws<OverflowException>(() => reader.GetInt32(3));
        Assert.Equal(long.MinValue, reader.GetFieldValue<long>(3));
        Assert.Equal(ulong.MaxValue, reader.GetUInt64(4));
        Assert.Throws<OverflowException>(() => reader.GetInt64(4));
        Assert.Equal(-12345678901234.123456m, reader.GetDecimal(5));
        Assert.Equal(-12345678901234.123456, reader.GetDouble(5), 0.001);
        Assert.Equal(0.1 + 0.2, reader.GetDouble(6));
        Assert.Equal(3.25, reader.GetDouble(7));
        Assert.Equal(3.25f, reader.GetFloat(7));
        Assert.Equal(Moment, reader.GetDateTime(8));
        Assert.Equal(DateTimeKind.Unspecified, reader.GetDateTime(8).Kind);
        Assert.Equal(new DateTimeOffset(Moment, TimeSpan.Zero), reader.GetFieldValue<DateTimeOffset>(8));
        Assert.Equal(Id, reader.GetGuid(9));
        Assert.Throws<InvalidCastException>(() => reader.GetString(9)); // MySqlConnector: CHAR(36) is a Guid, not a string
        Assert.Equal(Id, reader.GetGuid(10));
        Assert.Equal(Id.ToString(), reader.GetFieldValue<string>(10));
        Assert.Equal(Id, new Guid(reader.GetFieldValue<byte[]>(11)));
        Assert.Equal(-new TimeSpan(1, 2, 3, 4, 5), reader.GetFieldValue<TimeSpan>(12));
        Assert.Equal(new DateOnly(1999, 12, 31), reader.GetFieldValue<DateOnly>(13));
        Assert.Equal("TINYINT", reader.GetDataTypeName(1));
        Assert.Equal("DECIMAL", reader.GetDataTypeName(5));
    }

    [Fact]
    public async Task Null_is_never_turned_into_a_CLR_null_by_typed_reads()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using var reader = await connection.Command($"SELECT i, vc FROM `{_table}` WHERE id = 2").ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Throws<InvalidCastException>(() => reader.GetInt32(0));
        Assert.Throws<InvalidCastException>(() => reader.GetString(1));
        Assert.Throws<InvalidCastException>(() => reader.GetFieldValue<string>(1));
        Assert.Equal(DBNull.Value, reader.GetFieldValue<object>(1));
        await reader.CloseAsync();
        Assert.Null(await connection.ScalarAsync($"SELECT i FROM `{_table}` WHERE id = 999"));
    }

    [Fact]
    public async Task Expressions_and_NULL_literals_have_types_too()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        await using var reader = await connection.Command("SELECT 1, 12345678901, 1.5, NULL, 'text', X'0102', NOW(6) > '2000-01-01', CAST('2024-01-02' AS DATE), JSON_OBJECT('k', 1)").ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal(1, reader.GetValue(0));
        Assert.Equal(12345678901L, reader.GetValue(1));
        Assert.Equal(1.5m, reader.GetValue(2));
        Assert.Equal(DBNull.Value, reader.GetValue(3));
        Assert.Equal("text", reader.GetValue(4));
        Assert.Equal(new byte[] { 1, 2 }, reader.GetValue(5));
        Assert.Equal(1, reader.GetInt32(6));
        Assert.Equal(new DateTime(2024, 1, 2), reader.GetValue(7));
        Assert.Equal("""{"k": 1}""", reader.GetValue(8));
    }

    [Fact]
    public async Task Connection_options_switch_tinyint_guid_and_zero_date_handling()
    {
        await using (var setup = await MariaDbServer.OpenAsync())
        {
            await setup.ExecAsync($"SET SESSION sql_mode = ''; UPDATE `{_table}` SET dte = '0000-00-00' WHERE id = 2");
        }

        await using (var strict = await MariaDbServer.OpenAsync())
        await using (var reader = await strict.Command($"SELECT dte FROM `{_table}` WHERE id = 2").ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Throws<InvalidCastException>(() => reader.GetValue(0));
        }

        await using var relaxed = await MariaDbServer.OpenAsync("Treat Tiny As Boolean=false;GuidFormat=None;Convert Zero DateTime=true");
        await using var relaxedReader = await relaxed.Command($"SELECT b, uuid, dte FROM `{_table}` ORDER BY id").ExecuteReaderAsync();
        Assert.True(await relaxedReader.ReadAsync());
        Assert.Equal((sbyte)1, relaxedReader.GetValue(0));
        Assert.Equal(Id.ToString(), relaxedReader.GetValue(1));
        Assert.True(await relaxedReader.ReadAsync());
        Assert.Equal(DateTime.MinValue, relaxedReader.GetValue(2));
    }

    [Fact]
    public async Task Date_and_time_parameters_are_written_without_losing_precision()
    {
        await using var connection = await MariaDbServer.OpenAsync();
        var offset = new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(10);

        Assert.Equal("2024-06-01 10:00:00.000001", await connection.ScalarAsync("SELECT CAST(CAST(@p AS DATETIME(6)) AS CHAR)", ("p", offset)));
        Assert.Equal("2024-02-29 23:59:58.123456", await connection.ScalarAsync("SELECT CAST(CAST(@p AS DATETIME(6)) AS CHAR)", ("p", Moment)));
        Assert.Equal("-26:03:04.005000", await connection.ScalarAsync("SELECT CAST(CAST(@p AS TIME(6)) AS CHAR)", ("p", -new TimeSpan(1, 2, 3, 4, 5))));
        Assert.Equal("2030-01-31", await connection.ScalarAsync("SELECT CAST(CAST(@p AS DATE) AS CHAR)", ("p", new DateOnly(2030, 1, 31))));
        Assert.Equal(1.5e300, await connection.ScalarAsync("SELECT @p", ("p", 1.5e300)));
        Assert.Equal(0.1 + 0.2, await connection.ScalarAsync("SELECT @p", ("p", 0.1 + 0.2)));
        Assert.Equal("79228162514264337593543950335", await connection.ScalarAsync("SELECT CAST(@p AS CHAR)", ("p", decimal.MaxValue)));
    }
}
