using PowerSync.Backend.MySql.Schema;
using PowerSync.Backend.Relational.Schema;

namespace PowerSync.Backend.MySql.Tests.Provider;

public sealed class MySqlColumnTypesTests
{
    [Theory]
    [InlineData("tinyint", "tinyint(1)", null, false, "Boolean")]
    [InlineData("tinyint", "tinyint(4)", null, false, "Integer")]
    [InlineData("bigint", "bigint(20) unsigned", null, false, "Integer")]
    [InlineData("char", "char(36)", 36L, false, "Uuid")]
    [InlineData("char", "char(10)", 10L, false, "Text")]
    [InlineData("binary", "binary(16)", 16L, false, "Binary")]
    [InlineData("binary", "binary(16)", 16L, true, "Uuid")]
    [InlineData("datetime", "datetime(6)", null, false, "Timestamp")]
    [InlineData("timestamp", "timestamp(6)", null, false, "TimestampTz")]
    [InlineData("json", "json", null, false, "Json")]
    [InlineData("decimal", "decimal(12,3)", null, false, "Decimal")]
    [InlineData("enum", "enum('a','b')", null, false, "Enum")]
    [InlineData("set", "set('a','b')", null, false, "Other")]
    public void Types_map_to_kinds(string dataType, string columnType, long? length, bool binaryUuids, string kind) =>
        Assert.Equal(kind, MySqlColumnTypes.KindOf(dataType, columnType, length, binaryUuids, jsonCheck: false).ToString());

    [Fact]
    public void MariaDB_JSON_is_longtext_with_a_json_valid_check()
    {
        Assert.Equal(ColumnKind.Json, MySqlColumnTypes.KindOf("longtext", "longtext", 4294967295L, false, jsonCheck: true));
        Assert.Equal("we`ird", MySqlColumnTypes.JsonValidColumn("json_valid(`we``ird`)"));
        Assert.Null(MySqlColumnTypes.JsonValidColumn("`a` > 0"));
    }

    [Fact]
    public void Unsigned_integers_have_unsigned_ranges()
    {
        Assert.Equal(new IntegerRange(0, ulong.MaxValue), MySqlColumnTypes.RangeOf("bigint", "bigint(20) unsigned"));
        Assert.Equal(new IntegerRange(-128, 127), MySqlColumnTypes.RangeOf("tinyint", "tinyint(4)"));
        Assert.Equal(new IntegerRange(0, 16_777_215), MySqlColumnTypes.RangeOf("mediumint", "mediumint unsigned"));
        Assert.Equal(new IntegerRange(int.MinValue, int.MaxValue), MySqlColumnTypes.RangeOf("int", "int(11)"));
    }

    [Fact]
    public void Enum_labels_are_read_from_COLUMN_TYPE_with_quotes_undoubled() =>
        Assert.Equal(["a", "b,c", "it's"], MySqlColumnTypes.EnumLabels("enum('a','it''s','b,c')").Order(StringComparer.Ordinal));

    [Fact]
    public void Identifiers_are_quoted_with_backticks_doubled() =>
        Assert.Equal("`we``ird; DROP`", MySqlIdentifier.Quote("we`ird; DROP"));
}
