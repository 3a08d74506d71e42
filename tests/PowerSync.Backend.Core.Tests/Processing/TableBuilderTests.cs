using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;
using static PowerSync.Backend.Core.Tests.Processing.Crud;

namespace PowerSync.Backend.Core.Tests.Processing;

public sealed class TableBuilderTests
{
    [Fact]
    public async Task ToTable_writes_the_clients_table_to_another_source_table()
    {
        await using var pipeline = PipelineFixture.Create(b => b.Table(Todos, t => t.ToTable("tasks")));

        await pipeline.ProcessAsync(Upload(Tx(1, Put("a", ("title", "x")))));

        Assert.Equal(Data(("title", "x")), pipeline.Store.Row("tasks", "a"));
        Assert.Empty(pipeline.Store.Rows(Todos));
    }

    [Fact]
    public async Task Table_rules_apply_only_to_their_client_table()
    {
        await using var pipeline = PipelineFixture.Create(b => b.Table(Todos, t => t.ToTable("tasks")));

        await pipeline.ProcessAsync(Upload(Tx(1, PutIn("lists", "l", ("name", "n")))));

        Assert.NotNull(pipeline.Store.Row("lists", "l"));
    }

    [Fact]
    public async Task RenameColumn_renames_the_data_and_the_previous_values()
    {
        await using var pipeline = PipelineFixture.Create(b => b.Table(Todos, t => t.RenameColumn("title", "name").RejectWhenPreviousValuesDiffer()),
            s => s.Seed(Todos, "a", Data(("name", "old"), ("done", 0))));

        // The conflict check compares previous "name" with the stored "name": it can only pass if Previous was renamed too.
        var result = await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("title", "new")) with { Previous = Data(("title", "old")) })));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
        Assert.Equal(Data(("name", "new"), ("done", 0)), pipeline.Store.Row(Todos, "a"));
        var applied = Assert.Single(Assert.Single(pipeline.Store.Applied).Transaction.Entries);
        Assert.Equal(Data(("name", "old")), applied.Previous);
    }

    [Fact]
    public async Task IgnoreColumns_drops_server_managed_columns_and_the_stored_values_stay()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.IgnoreColumns("created_at", "owner_id")),
            s => s.Seed(Todos, "a", Data(("title", "old"), ("created_at", "2020"), ("owner_id", "u"))));

        await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("title", "new"), ("created_at", "1999"), ("owner_id", "attacker")))));

        Assert.Equal(Data(("title", "new"), ("created_at", "2020"), ("owner_id", "u")), pipeline.Store.Row(Todos, "a"));
    }

    [Fact]
    public async Task SetColumn_overrides_the_clients_value_on_PUT_only_by_default()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.SetColumn("owner_id", c => CrudValue.FromText(c.UserId))),
            s => s.Seed(Todos, "b", Data(("owner_id", "someone"))));

        await pipeline.ProcessAsync(Upload(Tx(1, Put("a", ("title", "x"), ("owner_id", "attacker")), Patch("b", ("title", "y")))));

        Assert.Equal(Data(("title", "x"), ("owner_id", User)), pipeline.Store.Row(Todos, "a"));
        Assert.Equal(Data(("owner_id", "someone"), ("title", "y")), pipeline.Store.Row(Todos, "b"));
    }

    [Fact]
    public async Task SetColumn_with_onPatch_sets_the_column_on_PATCH_too_but_never_on_DELETE()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.SetColumn("modified_by", c => CrudValue.FromText(c.UserId), onPatch: true)),
            s => s.Seed(Todos, "b", Data(("modified_by", "someone"))).Seed(Todos, "c", Data(("x", 1))));

        await pipeline.ProcessAsync(Upload(Tx(1, Patch("b", ("title", "y")), Delete("c"))));

        Assert.Equal(Data(("modified_by", User), ("title", "y")), pipeline.Store.Row(Todos, "b"));
        Assert.Equal(CrudData.Empty, pipeline.Store.Applied[0].Transaction.Entries[1].Data);
    }

    [Fact]
    public async Task AllowOperations_refuses_other_operations_as_UNAUTHORIZED()
    {
        await using var pipeline = PipelineFixture.Create(b => b.Table(Todos, t => t.AllowOperations(CrudOperation.Put)));

        var allowed = await pipeline.ProcessAsync(Upload(Tx(1, Put("a"))));
        var refused = await pipeline.ProcessAsync(Upload(Tx(2, Put("b"), Delete("a"))));

        Assert.Equal(TransactionStatus.Success, Assert.Single(allowed.Results).Status);
        var failed = Assert.Single(refused.Results).FailedOperation!;
        Assert.Equal(ErrorCodes.Unauthorized, failed.ErrorCode);
        Assert.Equal(1, failed.OperationIndex);
        Assert.Equal("DELETE is not allowed on 'todos'", failed.Message);
        Assert.NotNull(pipeline.Store.Row(Todos, "a"));
        Assert.Null(pipeline.Store.Row(Todos, "b"));
    }

    [Fact]
    public async Task RequireColumns_refuses_a_PUT_without_the_column_as_NOT_NULL_VIOLATION()
    {
        await using var pipeline = PipelineFixture.Create(b => b.Table(Todos, t => t.RequireColumns("title")));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a", ("title", "x")), Put("b", ("done", 1)))));

        var failed = Assert.Single(result.Results).FailedOperation!;
        Assert.Equal(ErrorCodes.NotNullViolation, failed.ErrorCode);
        Assert.Equal(1, failed.OperationIndex);
        Assert.Contains("title", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequireColumns_refuses_a_PATCH_that_nulls_the_column_and_lets_others_through()
    {
        await using var pipeline = PipelineFixture.Create(
            b => b.Table(Todos, t => t.RequireColumns("title")),
            s => s.Seed(Todos, "a", Data(("title", "x"))));

        var untouched = await pipeline.ProcessAsync(Upload(Tx(1, Patch("a", ("done", 1)))));
        var nulled = await pipeline.ProcessAsync(Upload(Tx(2, Patch("a", ("title", null)))));

        Assert.Equal(TransactionStatus.Success, Assert.Single(untouched.Results).Status);
        Assert.Equal(ErrorCodes.NotNullViolation, Assert.Single(nulled.Results).FailedOperation!.ErrorCode);
        Assert.Equal("x", pipeline.Store.Row(Todos, "a")!["title"].AsText());
    }

    [Fact]
    public async Task RequireColumns_checks_mapped_names()
    {
        await using var pipeline = PipelineFixture.Create(b => b.Table(Todos, t => t.RenameColumn("title", "name").RequireColumns("name")));

        var result = await pipeline.ProcessAsync(Upload(Tx(1, Put("a", ("title", "x")))));

        Assert.Equal(TransactionStatus.Success, Assert.Single(result.Results).Status);
    }

    [Fact]
    public async Task Mapping_steps_run_in_declaration_order_each_seeing_the_previous_result()
    {
        await using var pipeline = PipelineFixture.Create(b => b.Table(Todos, t => t
            .RenameColumn("title", "name")
            .Map(c => c.Entry with { Data = c.Entry.Data.With("name_copy", c.Entry.Data["name"]) })
            .ToTable("tasks")));

        await pipeline.ProcessAsync(Upload(Tx(1, Put("a", ("title", "x")))));

        Assert.Equal(Data(("name", "x"), ("name_copy", "x")), pipeline.Store.Row("tasks", "a"));
    }

    [Fact]
    public async Task Declaring_a_table_twice_adds_to_its_rules()
    {
        await using var pipeline = PipelineFixture.Create(b => b
            .Table(Todos, t => t.ToTable("tasks"))
            .Table(Todos, t => t.IgnoreColumns("secret")));

        await pipeline.ProcessAsync(Upload(Tx(1, Put("a", ("title", "x"), ("secret", "s")))));

        Assert.Equal(Data(("title", "x")), pipeline.Store.Row("tasks", "a"));
    }
}
