using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.SqlServer.Schema;

namespace PowerSync.Backend.SqlServer.Tests;

/// <summary>The catalog query, and how <c>sys.columns</c> facts become column kinds, spellings and limits.</summary>
public sealed class SqlServerCatalogTests
{
    [Fact]
    public void The_catalog_query_reads_sys_tables_columns_types_and_primary_key_indexes_of_one_schema()
    {
        Assert.Equal(
            """
            SELECT t.name, c.name, bt.name, c.max_length, c.precision, c.scale, c.is_nullable,
                   CAST(CASE WHEN c.is_computed = 1 OR c.is_identity = 1 OR bt.name = N'timestamp' THEN 1 ELSE 0 END AS bit),
                   CAST(CASE WHEN c.default_object_id <> 0 THEN 1 ELSE 0 END AS bit),
                   CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.indexes i JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
                                          WHERE i.object_id = t.object_id AND i.is_primary_key = 1 AND ic.column_id = c.column_id) THEN 1 ELSE 0 END AS bit),
                   CAST((SELECT COUNT(*) FROM sys.indexes i JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
                         WHERE i.object_id = t.object_id AND i.is_primary_key = 1) AS bigint),
                   CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.check_constraints k WHERE k.parent_object_id = t.object_id AND k.parent_column_id = c.column_id
                                          AND k.definition LIKE N'%isjson(%') THEN 1 ELSE 0 END AS bit)
            FROM sys.tables t
            JOIN sys.schemas s ON s.schema_id = t.schema_id
            JOIN sys.columns c ON c.object_id = t.object_id
            JOIN sys.types bt ON bt.user_type_id = c.system_type_id
            WHERE s.name = @schema
            ORDER BY t.name, c.column_id
            """,
            SqlServerCatalogReader.Query);
    }

    [Theory]
    [InlineData("bit", 1, 1, 0, "Boolean", "bit")]
    [InlineData("tinyint", 1, 3, 0, "Integer", "tinyint")]
    [InlineData("int", 4, 10, 0, "Integer", "int")]
    [InlineData("bigint", 8, 19, 0, "Integer", "bigint")]
    [InlineData("decimal", 9, 12, 3, "Decimal", "decimal(12,3)")]
    [InlineData("money", 8, 19, 4, "Decimal", "money")]
    [InlineData("float", 8, 53, 0, "Float", "float")]
    [InlineData("uniqueidentifier", 16, 0, 0, "Uuid", "uniqueidentifier")]
    [InlineData("nvarchar", -1, 0, 0, "Text", "nvarchar(max)")]
    [InlineData("nvarchar", 40, 0, 0, "Text", "nvarchar(20)")]
    [InlineData("varchar", 20, 0, 0, "Text", "varchar(20)")]
    [InlineData("datetime2", 8, 27, 7, "Timestamp", "datetime2(7)")]
    [InlineData("datetimeoffset", 10, 34, 7, "TimestampTz", "datetimeoffset(7)")]
    [InlineData("date", 3, 10, 0, "Date", "date")]
    [InlineData("time", 5, 15, 6, "Time", "time(6)")]
    [InlineData("varbinary", -1, 0, 0, "Binary", "varbinary(max)")]
    [InlineData("json", -1, 0, 0, "Json", "json")]
    [InlineData("xml", -1, 0, 0, "Other", "xml")]
    public void System_types_map_to_kinds_and_cast_spellings(string type, short maxLength, byte precision, byte scale, string kind, string spelling)
    {
        var column = SqlServerCatalogReader.Describe("c", type, maxLength, precision, scale, notNull: false, generated: false, hasDefault: false, json: false);

        Assert.Equal((kind, spelling), (column.Kind.ToString(), column.StoreType));
    }

    [Fact]
    public void An_nvarchar_max_guarded_by_ISJSON_is_json()
    {
        Assert.Equal(ColumnKind.Json, SqlServerCatalogReader.Describe("doc", "nvarchar", -1, 0, 0, false, false, false, json: true).Kind);
    }

    [Fact]
    public void Nvarchar_lengths_are_utf16_code_units_and_varchar_lengths_are_left_to_the_server()
    {
        var nvarchar = SqlServerCatalogReader.Describe("c", "nvarchar", 10, 0, 0, false, false, false, false);
        var varchar = SqlServerCatalogReader.Describe("c", "varchar", 10, 0, 0, false, false, false, false);

        Assert.Equal((5, true), (nvarchar.MaxLength, nvarchar.LengthInUtf16));
        Assert.Null(varchar.MaxLength);
    }

    [Fact]
    public void Integer_bounds_follow_the_type_and_tinyint_is_unsigned()
    {
        Assert.Equal(new IntegerRange(0, 255), SqlServerTypes.RangeOf("tinyint"));
        Assert.Equal(IntegerRange.Int16, SqlServerTypes.RangeOf("smallint"));
        Assert.Equal(IntegerRange.Int32, SqlServerTypes.RangeOf("int"));
        Assert.Equal(IntegerRange.Int64, SqlServerTypes.RangeOf("bigint"));
    }

    [Fact]
    public void Computed_identity_and_rowversion_columns_are_never_written_and_names_are_bracket_quoted()
    {
        var identity = SqlServerCatalogReader.Describe("n]o", "int", 4, 10, 0, notNull: true, generated: true, hasDefault: false, json: false);

        Assert.Equal(("[n]]o]", true, true), (identity.QuotedName, identity.IsGenerated, identity.HasDefault));
    }
}
