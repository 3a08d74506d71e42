using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Postgres.Sql;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Sql;
using PowerSync.Backend.Relational.Values;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Postgres.Tests;

/// <summary>The exact SQL the planner emits, and how it cuts a transaction into set-based statements.</summary>
public sealed class PostgresPlannerGoldenTests
{
    private static readonly RelationalColumn Id = Column("id", "text", ColumnKind.Text, notNull: true);
    private static readonly RelationalColumn Name = Column("name", "text", ColumnKind.Text, notNull: true);
    private static readonly RelationalColumn Done = Column("done", "boolean", ColumnKind.Boolean);
    private static readonly RelationalColumn Note = Column("note", "character varying(5)", ColumnKind.Text) with { MaxLength = 5 };
    private static readonly RelationalColumn Total = Column("total", "integer", ColumnKind.Integer, generated: true) with { Range = IntegerRange.Int32 };
    private static readonly RelationalColumn Uuid = Column("id", "uuid", ColumnKind.Uuid, notNull: true);
    private static readonly RelationalColumn Hostile = Column("a\"b; --", "text", ColumnKind.Text);

    private static readonly RelationalCatalog Schema = new(
        new Dictionary<string, RelationalTable>(StringComparer.Ordinal)
        {
            ["todos"] = Table("todos", Id, [Id, Name, Done, Note, Total]),
            ["items"] = Table("items", Uuid, [Uuid, Name]),
            ["we\"ird"] = Table("we\"ird", Id, [Id, Hostile]),
        },
        new Dictionary<string, string>(StringComparer.Ordinal) { ["pairs"] = "its primary key is not the single column 'id'" });

    [Fact]
    public void Put_merges_with_an_upsert_over_unnested_text_arrays()
    {
        var statement = Assert.Single(Plan(Put("todos", "t1", ("name", "milk"), ("done", 1))));

        Assert.Equal(
            "INSERT INTO \"app\".\"todos\" (\"id\", \"name\", \"done\") SELECT v.\"id\"::text, v.\"name\"::text, v.\"done\"::boolean " +
            "FROM unnest($1::text[], $2::text[], $3::text[]) AS v(\"id\", \"name\", \"done\") " +
            "ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"done\" = EXCLUDED.\"done\"",
            statement.Sql);
        Assert.Equal([["t1"], ["milk"], ["true"]], Arrays(statement));
        Assert.Equal([0], statement.Entries);
    }

    [Fact]
    public void Put_on_a_replacing_table_sets_every_other_writable_column_to_its_default()
    {
        var options = new PostgresBackendOptions();
        options.ReplaceOnPut.Add("todos");

        var statement = Assert.Single(Plan(options, Put("todos", "t1", ("name", "milk"))));

        Assert.Equal(
            "INSERT INTO \"app\".\"todos\" (\"id\", \"name\") SELECT v.\"id\"::text, v.\"name\"::text " +
            "FROM unnest($1::text[], $2::text[]) AS v(\"id\", \"name\") " +
            "ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"done\" = DEFAULT, \"note\" = DEFAULT",
            statement.Sql);
    }

    [Fact]
    public void Put_without_columns_inserts_the_id_or_does_nothing()
    {
        var statement = Assert.Single(Plan(Put("we\"ird", "h1")));

        Assert.Equal(
            "INSERT INTO \"app\".\"we\"\"ird\" (\"id\") SELECT v.\"id\"::text FROM unnest($1::text[]) AS v(\"id\") ON CONFLICT (\"id\") DO NOTHING",
            statement.Sql);
    }

    [Fact]
    public void Merging_put_that_omits_a_required_column_updates_existing_rows_before_inserting_the_others()
    {
        var statement = Assert.Single(Plan(Put("todos", "t1", ("done", 1))));

        Assert.Equal(
            "WITH v AS (SELECT v.\"id\"::text AS \"id\", v.\"done\"::boolean AS \"done\" FROM unnest($1::text[], $2::text[]) AS v(\"id\", \"done\")), " +
            "u AS (UPDATE \"app\".\"todos\" AS t SET \"done\" = v.\"done\" FROM v WHERE t.\"id\" = v.\"id\" RETURNING t.\"id\") " +
            "INSERT INTO \"app\".\"todos\" (\"id\", \"done\") SELECT v.\"id\", v.\"done\" FROM v WHERE NOT EXISTS (SELECT FROM u WHERE u.\"id\" = v.\"id\") " +
            "ON CONFLICT (\"id\") DO UPDATE SET \"done\" = EXCLUDED.\"done\"",
            statement.Sql);
        Assert.Equal([["t1"], ["true"]], Arrays(statement));
    }

    [Fact]
    public void Patch_that_inserts_without_columns_only_inserts_the_rows_that_are_missing()
    {
        var statement = Assert.Single(Plan(new PostgresBackendOptions { PatchInsertsMissingRows = true }, Patch("todos", "t1")));

        Assert.Equal(
            "WITH v AS (SELECT v.\"id\"::text AS \"id\" FROM unnest($1::text[]) AS v(\"id\")), " +
            "u AS (SELECT t.\"id\" FROM \"app\".\"todos\" AS t JOIN v ON t.\"id\" = v.\"id\") " +
            "INSERT INTO \"app\".\"todos\" (\"id\") SELECT v.\"id\" FROM v WHERE NOT EXISTS (SELECT FROM u WHERE u.\"id\" = v.\"id\") ON CONFLICT (\"id\") DO NOTHING",
            statement.Sql);
    }

    [Fact]
    public void A_required_column_with_a_default_keeps_the_plain_upsert()
    {
        var id = Column("id", "text", ColumnKind.Text, notNull: true);
        var created = Column("created", "timestamp with time zone", ColumnKind.TimestampTz, notNull: true) with { HasDefault = true };
        var note = Column("note", "text", ColumnKind.Text);
        var schema = new RelationalCatalog(
            new Dictionary<string, RelationalTable>(StringComparer.Ordinal) { ["events"] = Table("events", id, [id, created, note]) },
            new Dictionary<string, string>(StringComparer.Ordinal));

        var statement = Assert.Single(Planner(new PostgresBackendOptions()).Plan([Put("events", "e1", ("note", "n"))], schema));

        Assert.StartsWith("INSERT INTO \"app\".\"events\" (\"id\", \"note\") SELECT", statement.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Patch_updates_from_unnested_arrays_joined_on_the_id()
    {
        var statement = Assert.Single(Plan(Patch("todos", "t1", ("done", false), ("note", null))));

        Assert.Equal(
            "UPDATE \"app\".\"todos\" AS t SET \"done\" = v.\"done\"::boolean, \"note\" = v.\"note\"::character varying(5) " +
            "FROM unnest($1::text[], $2::text[], $3::text[]) AS v(\"id\", \"done\", \"note\") WHERE t.\"id\" = v.\"id\"::text",
            statement.Sql);
        Assert.Equal([["t1"], ["false"], [null]], Arrays(statement));
    }

    [Fact]
    public void Patch_without_columns_emits_no_statement()
    {
        Assert.Empty(Plan(Patch("todos", "t1")));
    }

    [Fact]
    public void Patch_of_a_missing_row_becomes_an_upsert_when_patches_insert()
    {
        var statement = Assert.Single(Plan(new PostgresBackendOptions { PatchInsertsMissingRows = true }, Patch("todos", "t1", ("name", "n"))));

        Assert.StartsWith("INSERT INTO \"app\".\"todos\" (\"id\", \"name\")", statement.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_compares_the_id_with_an_array_cast_to_its_type()
    {
        var statement = Assert.Single(Plan(Delete("todos", "t1"), Delete("todos", "t2")));

        Assert.Equal("DELETE FROM \"app\".\"todos\" AS t WHERE t.\"id\" = ANY ($1::text[]::text[])", statement.Sql);
        Assert.Equal([["t1", "t2"]], Arrays(statement));
        Assert.Equal([0, 1], statement.Entries);
    }

    [Fact]
    public void Uuid_ids_are_cast_to_uuid()
    {
        var statements = Plan(Put("items", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", ("name", "x")), Delete("items", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12"));

        Assert.Equal(
            "INSERT INTO \"app\".\"items\" (\"id\", \"name\") SELECT v.\"id\"::uuid, v.\"name\"::text FROM unnest($1::text[], $2::text[]) AS v(\"id\", \"name\") " +
            "ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\"",
            statements[0].Sql);
        Assert.Equal("DELETE FROM \"app\".\"items\" AS t WHERE t.\"id\" = ANY ($1::text[]::uuid[])", statements[1].Sql);
    }

    [Fact]
    public void Hostile_names_from_the_catalog_are_quoted_with_doubled_quotes()
    {
        var statement = Assert.Single(Plan(Patch("we\"ird", "h1", ("a\"b; --", "x"))));

        Assert.Equal(
            "UPDATE \"app\".\"we\"\"ird\" AS t SET \"a\"\"b; --\" = v.\"a\"\"b; --\"::text " +
            "FROM unnest($1::text[], $2::text[]) AS v(\"id\", \"a\"\"b; --\") WHERE t.\"id\" = v.\"id\"::text",
            statement.Sql);
    }

    [Fact]
    public void Consecutive_entries_of_one_table_operation_and_column_set_share_a_statement()
    {
        var statements = Plan(
            Put("todos", "a", ("name", "1"), ("done", 0)),
            Put("todos", "b", ("done", 1), ("name", "2")),
            Put("todos", "c", ("name", "3")),
            Patch("todos", "d", ("note", "x")),
            Patch("todos", "e", ("note", "y")),
            Delete("todos", "f"),
            Delete("todos", "g"),
            Put("we\"ird", "h"),
            Put("todos", "i", ("name", "4")));

        Assert.Equal([[0, 1], [2], [3, 4], [5, 6], [7], [8]], statements.Select(s => s.Entries));
        Assert.Equal([["a", "b"], ["1", "2"], ["false", "true"]], Arrays(statements[0]));
    }

    [Fact]
    public void A_repeated_row_id_starts_a_new_statement()
    {
        var statements = Plan(
            Put("todos", "a", ("name", "1")),
            Put("todos", "b", ("name", "2")),
            Put("todos", "a", ("name", "3")),
            Put("todos", "c", ("name", "4")),
            Delete("todos", "c"),
            Delete("todos", "c"));

        Assert.Equal([[0, 1], [2, 3], [4], [5]], statements.Select(s => s.Entries));
    }

    [Fact]
    public void The_diagnosis_plan_has_one_entry_per_statement_with_the_same_sql()
    {
        var entries = new[] { Put("todos", "a", ("name", "1")), Put("todos", "b", ("name", "2")), Patch("todos", "c") };

        var statements = Planner(new PostgresBackendOptions()).Plan(entries, Schema, maxEntriesPerRun: 1);

        Assert.Equal([[0], [1]], statements.Select(s => s.Entries));
        Assert.Equal(Plan(entries)[0].Sql, statements[1].Sql);
    }

    [Fact]
    public void Ids_and_generated_columns_in_the_data_are_handled_before_sql()
    {
        Assert.Equal([["t1"], ["n"]], Arrays(Assert.Single(Plan(Put("todos", "t1", ("id", "other"), ("name", "n"))))));

        var generated = Assert.Throws<CrudRejectedException>(() => Plan(Put("todos", "t1"), Patch("todos", "t1", ("total", 3))));
        Assert.Equal((ErrorCodes.SchemaMismatch, 1), (generated.ErrorCode, generated.OperationIndex));
    }

    [Fact]
    public void Unknown_tables_and_columns_are_misses_worth_a_catalog_reload_and_refused_tables_are_refused()
    {
        Assert.Equal(1, Assert.Throws<SchemaMissException>(() => Plan(Put("todos", "a"), Put("nope", "b"))).EntryIndex);
        Assert.Equal(0, Assert.Throws<SchemaMissException>(() => Plan(Put("todos", "a", ("nope", 1)))).EntryIndex);
        Assert.Equal(ErrorCodes.SchemaMismatch, Assert.Throws<CrudRejectedException>(() => Plan(Put("pairs", "a"))).ErrorCode);
    }

    [Fact]
    public void Values_are_checked_before_sql()
    {
        Assert.Equal((ErrorCodes.InvalidData, 1), Refusal(Put("todos", "a", ("name", "n")), Put("todos", "b", ("done", "maybe"))));
        Assert.Equal((ErrorCodes.InvalidData, 0), Refusal(Put("todos", "a", ("note", "toolong"))));
        Assert.Equal((ErrorCodes.InvalidData, 0), Refusal(Put("items", "not-a-uuid")));
        Assert.Equal((ErrorCodes.NotNullViolation, 0), Refusal(Patch("todos", "a", ("name", null))));
    }

    [Fact]
    public void An_allow_list_hides_every_other_table()
    {
        var options = new PostgresBackendOptions();
        options.Tables.Add("items");

        Assert.Throws<SchemaMissException>(() => Plan(options, Put("todos", "a")));
        Assert.Single(Plan(options, Put("items", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")));
    }

    private static List<SqlStatement> Plan(params CrudEntry[] entries) => Plan(new PostgresBackendOptions(), entries);

    private static List<SqlStatement> Plan(PostgresBackendOptions options, params CrudEntry[] entries) => Planner(options).Plan(entries, Schema);

    private static RelationalPlanner Planner(PostgresBackendOptions options) =>
        new(options.ToSettings(), new ValueConverter(PostgresValueFormatter.Instance), PostgresStatementBuilder.Instance);

    private static RelationalColumn Column(string name, string type, ColumnKind kind, bool notNull = false, bool generated = false) =>
        new(name, PostgresIdentifier.Quote(name), type, kind, notNull, generated);

    private static RelationalTable Table(string name, RelationalColumn id, RelationalColumn[] columns) =>
        new(name, "\"app\"." + PostgresIdentifier.Quote(name), id, columns);

    /// <summary>The statement's parameters, which are all text arrays.</summary>
    private static string?[][] Arrays(SqlStatement statement)
    {
        Assert.All(statement.Parameters, p => Assert.Equal(SqlValueType.TextArray, p.Type));
        return statement.Parameters.Select(p => (string?[])p.Value!).ToArray();
    }

    private static (string, int?) Refusal(params CrudEntry[] entries)
    {
        var refused = Assert.Throws<CrudRejectedException>(() => Plan(entries));
        return (refused.ErrorCode, refused.OperationIndex);
    }
}
