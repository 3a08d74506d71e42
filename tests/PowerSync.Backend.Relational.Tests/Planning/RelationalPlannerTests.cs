using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Relational.Planning;
using PowerSync.Backend.Relational.Schema;
using PowerSync.Backend.Relational.Sql;
using PowerSync.Backend.Relational.Tests.Values;
using PowerSync.Backend.Relational.Values;
using static PowerSync.Backend.Conformance.Crud;
using static PowerSync.Backend.Relational.Tests.TestCatalog;

namespace PowerSync.Backend.Relational.Tests.Planning;

/// <summary>Resolution against the catalog and the cut into runs, which every SQL dialect shares.</summary>
public sealed class RelationalPlannerTests
{
    private static readonly RelationalColumn Id = Column("id", ColumnKind.Text, notNull: true);
    private static readonly RelationalColumn Name = Column("name", ColumnKind.Text, notNull: true);
    private static readonly RelationalColumn Done = Column("done", ColumnKind.Boolean);
    private static readonly RelationalColumn Note = Column("note", ColumnKind.Text);
    private static readonly RelationalColumn Total = Column("total", ColumnKind.Integer, generated: true);
    private static readonly RelationalColumn Uuid = Column("id", ColumnKind.Uuid, notNull: true);

    private static readonly RelationalCatalog Catalog = Of(
        Table("todos", Id, Name, Done, Note, Total),
        Table("items", Uuid, Name));

    [Fact]
    public void Consecutive_entries_of_one_table_operation_and_column_set_share_a_run()
    {
        var statements = Plan(
            Put("todos", "a", ("name", "1"), ("done", 0)),
            Put("todos", "b", ("done", 1), ("name", "2")),
            Put("todos", "c", ("name", "3")),
            Patch("todos", "d", ("note", "x")),
            Patch("todos", "e", ("note", "y")),
            Delete("todos", "f"),
            Delete("todos", "g"),
            Put("items", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            Put("todos", "i", ("name", "4")));

        Assert.Equal(
            [
                "Put todos(name,done) a=1,B0 b=2,B1 @0,1",
                "Put todos(name) c=3 @2",
                "Patch todos(note) d=x e=y @3,4",
                "Delete todos() f= g= @5,6",
                "Put items() a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11= @7",
                "Put todos(name) i=4 @8",
            ],
            statements.Select(RecordingBuilder.Describe));
    }

    [Fact]
    public void A_repeated_row_id_starts_a_new_run()
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
    public void Ids_are_compared_as_converted_so_two_spellings_of_one_uuid_split_the_run()
    {
        var statements = Plan(
            Put("items", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", ("name", "1")),
            Put("items", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", ("name", "2")));

        Assert.Equal([[0], [1]], statements.Select(s => s.Entries));
    }

    [Fact]
    public void A_run_length_limit_replays_entry_by_entry()
    {
        var entries = new[] { Put("todos", "a", ("name", "1")), Put("todos", "b", ("name", "2")), Put("todos", "c", ("name", "3")) };

        Assert.Equal([[0], [1], [2]], Planner().Plan(entries, Catalog, maxEntriesPerRun: 1).Select(s => s.Entries));
        Assert.Equal([[0, 1], [2]], Planner().Plan(entries, Catalog, maxEntriesPerRun: 2).Select(s => s.Entries));
    }

    [Fact]
    public void Deletes_share_a_run_whatever_data_they_carry()
    {
        var withData = new CrudEntry(CrudOperation.Delete, "todos", "b") { Data = Data(("note", "x")) };

        var statement = Assert.Single(Plan(Delete("todos", "a"), withData));

        Assert.Equal("Delete todos() a= b=x @0,1", RecordingBuilder.Describe(statement));
    }

    [Fact]
    public void Ids_and_generated_columns_in_the_data_are_handled_before_sql()
    {
        Assert.Equal("Put todos(name) t1=n @0", RecordingBuilder.Describe(Assert.Single(Plan(Put("todos", "t1", ("id", "other"), ("name", "n"))))));
        Assert.Equal((ErrorCodes.SchemaMismatch, 1), Refusal(Put("todos", "t1"), Patch("todos", "t1", ("total", 3))));
    }

    [Fact]
    public void Unknown_tables_and_columns_are_misses_and_refused_tables_are_refused_with_the_reason()
    {
        Assert.Equal(1, Assert.Throws<SchemaMissException>(() => Plan(Put("todos", "a"), Put("nope", "b"))).EntryIndex);
        Assert.Equal(0, Assert.Throws<SchemaMissException>(() => Plan(Put("todos", "a", ("nope", 1)))).EntryIndex);
        var refused = Assert.Throws<CrudRejectedException>(() => Plan(Put("pairs", "a")));
        Assert.Equal(ErrorCodes.SchemaMismatch, refused.ErrorCode);
        Assert.Contains("primary key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_hostile_names_are_shortened_in_messages()
    {
        var miss = Assert.Throws<SchemaMissException>(() => Plan(Put(new string('x', 500), "a")));

        Assert.Equal("unknown table '" + new string('x', 64) + "…'", miss.Message);
    }

    [Fact]
    public void Values_are_checked_before_sql_naming_the_entry()
    {
        Assert.Equal((ErrorCodes.InvalidData, 1), Refusal(Put("todos", "a", ("name", "n")), Put("todos", "b", ("done", "maybe"))));
        Assert.Equal((ErrorCodes.InvalidData, 0), Refusal(Put("items", "not-a-uuid")));
        Assert.Equal((ErrorCodes.NotNullViolation, 0), Refusal(Patch("todos", "a", ("name", null))));
    }

    [Fact]
    public void A_put_may_send_null_for_a_required_column_and_leave_the_refusal_to_the_database()
    {
        Assert.Equal("Put todos(name) a=~ @0", RecordingBuilder.Describe(Assert.Single(Plan(Put("todos", "a", ("name", null))))));
    }

    [Fact]
    public void An_allow_list_hides_every_other_table_even_a_refused_one()
    {
        var planner = Planner(new RelationalSettings { Schema = "app", LedgerSchema = "ps", Tables = new HashSet<string>(["items"], StringComparer.Ordinal) });

        Assert.Throws<SchemaMissException>(() => planner.Plan([Put("todos", "a")], Catalog));
        Assert.Throws<SchemaMissException>(() => planner.Plan([Put("pairs", "a")], Catalog));
        Assert.Single(planner.Plan([Put("items", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")], Catalog));
    }

    [Fact]
    public void Unknown_columns_are_dropped_when_configured()
    {
        var planner = Planner(new RelationalSettings { Schema = "app", LedgerSchema = "ps", IgnoreUnknownColumns = true });

        Assert.Equal("Put todos(name) a=n @0", RecordingBuilder.Describe(Assert.Single(planner.Plan([Put("todos", "a", ("nope", 1), ("name", "n"))], Catalog))));
    }

    [Fact]
    public void Patches_run_as_puts_when_they_insert_missing_rows_and_only_puts_replace()
    {
        var settings = new RelationalSettings
        {
            Schema = "app",
            LedgerSchema = "ps",
            PatchInsertsMissingRows = true,
            ReplaceOnPut = new HashSet<string>(["todos"], StringComparer.Ordinal),
        };

        var statements = Planner(settings).Plan([Put("todos", "a", ("name", "n")), Patch("todos", "b", ("name", "m"))], Catalog);

        Assert.Equal(["Put todos(name) replace a=n @0", "Put todos(name) b=m @1"], statements.Select(RecordingBuilder.Describe));
    }

    [Fact]
    public void Consecutive_entries_with_the_same_columns_share_one_column_array()
    {
        var resolved = Planner().Resolve([Put("todos", "a", ("name", "1"), ("done", 0)), Put("todos", "b", ("done", 1), ("name", "2"))], Catalog);

        Assert.Same(resolved[0].Columns, resolved[1].Columns);
        Assert.Equal([Name, Done], resolved[1].Columns);
        Assert.Equal(["2", "B1"], resolved[1].Values.AsEnumerable());
    }

    [Fact]
    public void A_run_omits_a_required_column_only_when_it_has_no_default()
    {
        var created = Column("created", ColumnKind.TimestampTz, notNull: true) with { HasDefault = true };
        var catalog = Of(Table("todos", Id, Name, Done), Table("events", Id, created, Note));
        var planner = Planner();

        Assert.True(Run(planner.Resolve([Put("todos", "a", ("done", 1))], catalog)).OmitsRequiredColumn());
        Assert.False(Run(planner.Resolve([Put("todos", "a", ("name", "n"))], catalog)).OmitsRequiredColumn());
        Assert.False(Run(planner.Resolve([Put("events", "e", ("note", "n"))], catalog)).OmitsRequiredColumn());
    }

    private static EntryRun Run(ResolvedEntry[] resolved) => new(resolved, 0, resolved.Length);

    private static RelationalPlanner Planner(RelationalSettings? settings = null) =>
        new(settings ?? new RelationalSettings { Schema = "app", LedgerSchema = "ps" }, new ValueConverter(new MarkingFormatter()), new RecordingBuilder());

    private static List<SqlStatement> Plan(params CrudEntry[] entries) => Planner().Plan(entries, Catalog);

    private static (string, int?) Refusal(params CrudEntry[] entries)
    {
        var refused = Assert.Throws<CrudRejectedException>(() => Plan(entries));
        return (refused.ErrorCode, refused.OperationIndex);
    }
}
