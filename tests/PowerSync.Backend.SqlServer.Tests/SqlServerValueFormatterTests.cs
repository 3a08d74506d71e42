using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Values;
using PowerSync.Backend.SqlServer.Schema;
using PowerSync.Backend.SqlServer.Sql;

namespace PowerSync.Backend.SqlServer.Tests;

/// <summary>How client values are spelled for T-SQL casts.</summary>
public sealed class SqlServerValueFormatterTests
{
    private static readonly ValueConverter Converter = new(SqlServerValueFormatter.Instance);

    [Theory]
    [InlineData("bit", true, "1")]
    [InlineData("bit", "false", "0")]
    [InlineData("bit", 1L, "1")]
    [InlineData("uniqueidentifier", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")]
    [InlineData("decimal", "12345678.125", "12345678.125")]
    [InlineData("varbinary", "AQID/w==", "0x010203FF")]
    [InlineData("datetimeoffset", "2024-05-01T10:00:00.123+02:00", "2024-05-01T10:00:00.1230000+02:00")]
    [InlineData("datetimeoffset", "2024-05-01T10:00:00Z", "2024-05-01T10:00:00.0000000+00:00")]
    [InlineData("datetime2", "2024-05-01T10:00:00+02:00", "2024-05-01T08:00:00.0000000")]
    [InlineData("datetime2", "2024-05-01 08:00:00", "2024-05-01T08:00:00.0000000")]
    [InlineData("datetime2", 0L, "1970-01-01T00:00:00.0000000")]
    public void Values_are_spelled_as_T_SQL_casts_read_them(string type, object value, string expected)
    {
        var column = SqlServerCatalogReader.Describe("c", type, type == "varbinary" ? (short)-1 : (short)8, 12, type is "decimal" ? (byte)3 : (byte)7, false, false, false, false);

        Assert.True(Converter.TryConvert(PowerSync.Backend.Conformance.Crud.Value(value), column, out var text, out var problem), problem);
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Iso_text_is_never_passed_through_unparsed()
    {
        foreach (var shape in Enum.GetValues<IsoTimestampShape>())
        {
            Assert.False(SqlServerValueFormatter.Instance.KeepsIsoText(shape, zoned: true));
            Assert.False(SqlServerValueFormatter.Instance.KeepsIsoText(shape, zoned: false));
        }
    }

    [Fact]
    public void Json_must_parse_before_it_reaches_an_ISJSON_column()
    {
        var column = SqlServerCatalogReader.Describe("doc", "nvarchar", -1, 0, 0, false, false, false, json: true);

        Assert.True(Converter.TryConvert(CrudValue.FromText("""{"a":[1,2]}"""), column, out var text, out _));
        Assert.Equal("""{"a":[1,2]}""", text);
        Assert.False(Converter.TryConvert(CrudValue.FromText("{1,2}"), column, out _, out _));
    }

    [Fact]
    public void Sql_server_has_no_array_literal()
    {
        Assert.Throws<NotSupportedException>(() => SqlServerValueFormatter.Instance.Array(["1"]));
        Assert.Equal(ColumnKind.Other, SqlServerTypes.KindOf("geography"));
    }
}
