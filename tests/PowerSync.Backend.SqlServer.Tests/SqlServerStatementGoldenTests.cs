using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Sql;
using PowerSync.Backend.Relational.Values;
using PowerSync.Backend.SqlServer.Schema;
using PowerSync.Backend.SqlServer.Sql;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.SqlServer.Tests;

/// <summary>The exact T-SQL the dialect emits for each data scenario, and the one JSON parameter each statement carries.</summary>
public sealed class SqlServerStatementGoldenTests
{
    private const string TodosJson = "OPENJSON(@j0) WITH ([id] nvarchar(max) '$[0]', [name] nvarchar(max) '$[1]', [done] nvarchar(max) '$[2]') AS v";

    [Fact]
    public void Put_updates_existing_rows_under_range_locks_then_inserts_the_missing_ones()
    {
        var statement = Assert.Single(Plan(Put("todos", "t1", ("name", "milk"), ("done", 1))));

        Assert.Equal(
            $"UPDATE t SET [name] = CAST(v.[name] AS nvarchar(max)), [done] = CAST(v.[done] AS bit) FROM [app].[todos] AS t WITH (UPDLOCK, SERIALIZABLE) JOIN {TodosJson} " +
            "ON t.[id] = CAST(v.[id] AS nvarchar(100)); " +
            "INSERT INTO [app].[todos] ([id], [name], [done]) SELECT CAST(v.[id] AS nvarchar(100)), CAST(v.[name] AS nvarchar(max)), CAST(v.[done] AS bit) " +
            $"FROM {TodosJson} WHERE NOT EXISTS (SELECT 1 FROM [app].[todos] AS t WITH (UPDLOCK, SERIALIZABLE) WHERE t.[id] = CAST(v.[id] AS nvarchar(100)))",
            statement.Sql);
        Assert.Equal("""[["t1","milk","1"]]""", Json(statement, "@j0"));
        Assert.Equal([0], statement.Entries);
    }

    [Fact]
    public void Put_on_a_replacing_table_sets_every_other_writable_column_to_its_default()
    {
        var options = new SqlServerBackendOptions();
        options.ReplaceOnPut.Add("todos");

        var statement = Assert.Single(Plan(options, Put("todos", "t1", ("name", "milk"))));

        Assert.StartsWith(
            "UPDATE t SET [name] = CAST(v.[name] AS nvarchar(max)), [done] = DEFAULT, [note] = DEFAULT, [price] = DEFAULT, [at] = DEFAULT, [blob] = DEFAULT " +
            "FROM [app].[todos] AS t WITH (UPDLOCK, SERIALIZABLE) JOIN OPENJSON(@j0) WITH ([id] nvarchar(max) '$[0]', [name] nvarchar(max) '$[1]') AS v " +
            "ON t.[id] = CAST(v.[id] AS nvarchar(100)); INSERT INTO [app].[todos] ([id], [name]) SELECT",
            statement.Sql);
    }

    [Fact]
    public void Put_without_columns_only_inserts_missing_ids()
    {
        var statement = Assert.Single(Plan(Put("we]ird", "h1")));

        Assert.Equal(
            "INSERT INTO [app].[we]]ird] ([id]) SELECT CAST(v.[id] AS nvarchar(100)) FROM OPENJSON(@j0) WITH ([id] nvarchar(max) '$[0]') AS v " +
            "WHERE NOT EXISTS (SELECT 1 FROM [app].[we]]ird] AS t WITH (UPDLOCK, SERIALIZABLE) WHERE t.[id] = CAST(v.[id] AS nvarchar(100)))",
            statement.Sql);
    }

    [Fact]
    public void Hostile_names_are_bracket_quoted_with_the_closing_bracket_doubled_and_never_reach_a_json_path()
    {
        var statement = Assert.Single(Plan(Patch("we]ird", "h1", ("a]b; --", "x'); DROP TABLE t;--"))));

        Assert.Equal(
            "UPDATE t SET [a]]b; --] = CAST(v.[a]]b; --] AS nvarchar(max)) FROM [app].[we]]ird] AS t " +
            "JOIN OPENJSON(@j0) WITH ([id] nvarchar(max) '$[0]', [a]]b; --] nvarchar(max) '$[1]') AS v ON t.[id] = CAST(v.[id] AS nvarchar(100))",
            statement.Sql);
        Assert.Equal("""[["h1","x'); DROP TABLE t;--"]]""", Json(statement, "@j0"));
    }

    [Fact]
    public void Patch_updates_only_the_supplied_columns_of_existing_rows()
    {
        var statement = Assert.Single(Plan(Patch("todos", "t1", ("done", false)), Patch("todos", "t2", ("done", true))));

        Assert.Equal(
            "UPDATE t SET [done] = CAST(v.[done] AS bit) FROM [app].[todos] AS t " +
            "JOIN OPENJSON(@j0) WITH ([id] nvarchar(max) '$[0]', [done] nvarchar(max) '$[1]') AS v ON t.[id] = CAST(v.[id] AS nvarchar(100))",
            statement.Sql);
        Assert.Equal("""[["t1","0"],["t2","1"]]""", Json(statement, "@j0"));
        Assert.Equal([0, 1], statement.Entries);
    }

    [Fact]
    public void An_empty_patch_emits_nothing()
    {
        Assert.Empty(Plan(Patch("todos", "t1")));
    }

    [Fact]
    public void Patch_that_inserts_missing_rows_runs_as_a_put()
    {
        var options = new SqlServerBackendOptions { PatchInsertsMissingRows = true };

        var statement = Assert.Single(Plan(options, Patch("todos", "t1", ("name", "n"))));

        Assert.StartsWith("UPDATE t SET [name] = CAST(v.[name] AS nvarchar(max)) FROM [app].[todos] AS t WITH (UPDLOCK, SERIALIZABLE)", statement.Sql);
        Assert.Contains("; INSERT INTO [app].[todos] ([id], [name]) SELECT", statement.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_joins_the_ids_and_sends_nothing_else()
    {
        var statement = Assert.Single(Plan(Delete("todos", "t1"), Delete("todos", "t2")));

        Assert.Equal(
            "DELETE t FROM [app].[todos] AS t JOIN OPENJSON(@j0) WITH ([id] nvarchar(max) '$[0]') AS v ON t.[id] = CAST(v.[id] AS nvarchar(100))",
            statement.Sql);
        Assert.Equal("""[["t1"],["t2"]]""", Json(statement, "@j0"));
    }

    [Fact]
    public void Uuid_ids_decimals_instants_and_bytes_are_cast_from_their_converted_text()
    {
        var statements = Plan(
            Put("items", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", ("name", "n")),
            Put("todos", "t1", ("name", "n"), ("price", "12.5"), ("at", "2024-05-01T10:00:00+02:00"), ("blob", "AQID")));

        Assert.Equal(2, statements.Count);
        Assert.Contains("ON t.[id] = CAST(v.[id] AS uniqueidentifier)", statements[0].Sql, StringComparison.Ordinal);
        Assert.Equal("""[["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","n"]]""", Json(statements[0], "@j0"));
        Assert.Contains("CAST(v.[price] AS decimal(12,3)), CAST(v.[at] AS datetimeoffset(7)), CONVERT(varbinary(max), v.[blob], 1)", statements[1].Sql, StringComparison.Ordinal);
        Assert.Equal("""[["t1","n","12.5","2024-05-01T10:00:00.0000000+02:00","0x010203"]]""", Json(statements[1], "@j1"));
    }

    [Fact]
    public void Each_statement_of_a_transaction_names_its_parameter_after_its_position()
    {
        var statements = Plan(Put("todos", "t1", ("name", "a")), Delete("todos", "t1"), Put("todos", "t1", ("name", "b")));

        Assert.Equal(["@j0", "@j1", "@j2"], statements.Select(s => Assert.Single(s.Parameters).Name));
        Assert.All(statements, s => Assert.Equal(SqlValueType.Json, Assert.Single(s.Parameters).Type));
    }

    [Fact]
    public void A_thousand_entries_travel_as_one_parameter()
    {
        var entries = Enumerable.Range(0, 1000).Select(i => Put("todos", $"t{i}", ("name", $"n{i}"), ("done", i % 2))).ToArray();

        var statement = Assert.Single(Plan(entries));

        Assert.Single(statement.Parameters);
        Assert.Equal(1000, statement.Entries.Length);
    }

    [Fact]
    public void Nvarchar_lengths_are_counted_in_utf16_code_units_before_sql()
    {
        // "😀" is one character but two UTF-16 code units: nvarchar(5) holds "abc😀" and not "abcd😀".
        Assert.Single(Plan(Put("todos", "t1", ("name", "n"), ("note", "abc😀"))));
        Assert.Equal((ErrorCodes.InvalidData, 0), Refusal(Put("todos", "t1", ("name", "n"), ("note", "abcd😀"))));
    }

    [Fact]
    public void Values_are_checked_before_sql()
    {
        Assert.Equal((ErrorCodes.InvalidData, 1), Refusal(Put("todos", "a", ("name", "n")), Put("todos", "b", ("done", "maybe"))));
        Assert.Equal((ErrorCodes.InvalidData, 0), Refusal(Put("items", "not-a-uuid")));
        Assert.Equal((ErrorCodes.NotNullViolation, 0), Refusal(Patch("todos", "a", ("name", null))));
    }

    internal static RelationalColumn Column(string name, string type, short maxLength = 0, byte precision = 0, byte scale = 0, bool notNull = false, bool generated = false) =>
        SqlServerCatalogReader.Describe(name, type, maxLength, precision, scale, notNull, generated, hasDefault: false, json: false);

    internal static RelationalCatalog Catalog()
    {
        var id = Column("id", "nvarchar", 200, notNull: true);
        var uuid = Column("id", "uniqueidentifier", 16, notNull: true);
        var name = Column("name", "nvarchar", -1, notNull: true);
        RelationalColumn[] todos =
        [
            id, name, Column("done", "bit", 1), Column("note", "nvarchar", 10), Column("total", "int", 4, generated: true),
            Column("price", "decimal", 9, 12, 3), Column("at", "datetimeoffset", 10, 34, 7), Column("blob", "varbinary", -1),
        ];
        return new RelationalCatalog(
            new Dictionary<string, RelationalTable>(StringComparer.Ordinal)
            {
                ["todos"] = new("todos", "[app].[todos]", id, todos),
                ["items"] = new("items", "[app].[items]", uuid, [uuid, name]),
                ["we]ird"] = new("we]ird", "[app].[we]]ird]", id, [id, Column("a]b; --", "nvarchar", -1)]),
            },
            new Dictionary<string, string>(StringComparer.Ordinal));
    }

    private static List<SqlStatement> Plan(params CrudEntry[] entries) => Plan(new SqlServerBackendOptions(), entries);

    private static List<SqlStatement> Plan(SqlServerBackendOptions options, params CrudEntry[] entries) =>
        new RelationalPlanner(options.ToSettings(), new ValueConverter(SqlServerValueFormatter.Instance), SqlServerStatementBuilder.Instance).Plan(entries, Catalog());

    private static string Json(SqlStatement statement, string name)
    {
        var parameter = Assert.Single(statement.Parameters);
        Assert.Equal(name, parameter.Name);
        return (string)parameter.Value!;
    }

    private static (string, int?) Refusal(params CrudEntry[] entries)
    {
        var refused = Assert.Throws<CrudRejectedException>(() => Plan(entries));
        return (refused.ErrorCode, refused.OperationIndex);
    }
}
