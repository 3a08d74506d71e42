using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Results;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Conformance;

/// <summary>Transactions: order within a transaction, foreign keys, atomicity, and naming the failing entry.</summary>
public abstract class TransactionConformance : ConformanceSuite
{
    /// <summary>Creates the suite.</summary>
    /// <param name="database">The provider's database.</param>
    protected TransactionConformance(ConformanceDatabase database)
        : base(database)
    {
    }

    [Fact]
    public async Task Many_operations_on_one_row_in_one_transaction_apply_in_order()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(
            1,
            Put(Lists, "l1", ("name", "a")),
            Patch(Lists, "l1", ("name", "b")),
            Patch(Lists, "l1", ("owner_id", "o1")),
            Put(Lists, "l1", ("name", "c")),
            Patch(Lists, "l1", ("created_at", "2025-05-05T05:05:05Z")),
            Patch(Lists, "l1", ("owner_id", null)),
            Patch(Lists, "l1", ("name", "d")))));

        Assert.Equal(Data(("name", "d"), ("owner_id", null), ("created_at", "2025-05-05T05:05:05Z")), await RowAsync(Lists, "l1"));
    }

    [Fact]
    public async Task Interleaved_writes_to_several_rows_and_tables_apply_in_order()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(
            1,
            Put(Lists, "l1", ("name", "a")),
            Put(Lists, "l2", ("name", "b")),
            Put(Todos, "t1", ("list_id", "l1"), ("description", "x")),
            Patch(Lists, "l1", ("name", "a2")),
            Put(Todos, "t2", ("list_id", "l2"), ("description", "y")),
            Patch(Todos, "t1", ("list_id", "l2")),
            Delete(Lists, "l1"),
            Put(Lists, "l1", ("name", "a3")))));

        await AssertRowAsync(Lists, "l1", ("name", "a3"));
        await AssertRowAsync(Todos, "t1", ("list_id", "l2"), ("description", "x"));
        await AssertRowAsync(Todos, "t2", ("list_id", "l2"));
    }

    [Fact]
    public async Task Parent_then_child_inserts_in_one_transaction_succeed()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")), Put(Todos, "t1", ("list_id", "l1"), ("description", "d")))));

        await AssertRowAsync(Todos, "t1", ("list_id", "l1"));
    }

    [Fact]
    public async Task Child_delete_then_parent_delete_in_one_transaction_succeeds()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")), Put(Todos, "t1", ("list_id", "l1")), Put(Todos, "t2", ("list_id", "l1")))));

        AssertSuccess(await backend.UploadAsync(Tx(2, Delete(Todos, "t1"), Delete(Todos, "t2"), Delete(Lists, "l1"))));

        await AssertEmptyAsync();
    }

    [Fact]
    public async Task Child_before_its_parent_is_refused_with_FOREIGN_KEY_VIOLATION_and_nothing_applied()
    {
        var backend = Start();

        var result = await backend.UploadAsync(Tx(1, Put(Lists, "l0", ("name", "other")), Put(Todos, "t1", ("list_id", "l1")), Put(Lists, "l1", ("name", "n"))));

        AssertRefused(result, ErrorCodes.ForeignKeyViolation, 1);
        await AssertEmptyAsync();
    }

    [Fact]
    public async Task Deleting_a_parent_before_its_children_is_refused_and_nothing_applied()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")), Put(Todos, "t1", ("list_id", "l1")))));

        var result = await backend.UploadAsync(Tx(2, Patch(Todos, "t1", ("description", "changed")), Delete(Lists, "l1"), Delete(Todos, "t1")));

        AssertRefused(result, ErrorCodes.ForeignKeyViolation, 1);
        await AssertRowAsync(Todos, "t1", ("description", null));
        await AssertRowAsync(Lists, "l1");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task A_foreign_key_violation_inside_a_set_based_run_is_reported_at_its_own_index(int failing)
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")))));

        // Five PUTs of one table with the same columns: one set-based statement where the provider batches.
        var entries = Enumerable.Range(0, 5)
            .Select(i => Put(Todos, $"t{i}", ("list_id", i == failing ? "missing" : "l1"), ("description", $"d{i}")))
            .ToArray();
        var result = await backend.UploadAsync(Tx(2, entries));

        AssertRefused(result, ErrorCodes.ForeignKeyViolation, failing);
        Assert.Equal(0, await CountAsync(Todos));
        var letter = Assert.Single(await DeadLettersAsync());
        Assert.Equal(new ConformanceDeadLetter(User, ClientId, 2, ErrorCodes.ForeignKeyViolation, failing, 5), letter);
    }

    [Fact]
    public async Task A_NOT_NULL_violation_inside_a_set_based_run_is_reported_at_its_own_index()
    {
        var backend = Start();

        var entries = Enumerable.Range(0, 5).Select(i => Put(Lists, $"l{i}", ("name", i == 2 ? null : $"n{i}"), ("owner_id", "o"))).ToArray();
        var result = await backend.UploadAsync(Tx(1, entries));

        AssertRefused(result, ErrorCodes.NotNullViolation, 2);
        await AssertEmptyAsync();
        Assert.Equal(2, Assert.Single(await DeadLettersAsync()).OperationIndex);
    }

    [Fact]
    public async Task A_value_the_database_refuses_inside_a_set_based_run_is_reported_at_its_own_index()
    {
        var backend = Start();

        // 13 integer digits do not fit numeric(12,3): only the database can tell.
        var entries = Enumerable.Range(0, 5)
            .Select(i => Put(TypedTable, $"t{i}", (Typed.Required, "r"), (Typed.Numeric, i == 3 ? "1234567890123" : "1.5")))
            .ToArray();
        var result = await backend.UploadAsync(Tx(1, [Put(Lists, "l1", ("name", "n")), .. entries]));

        AssertRefused(result, ErrorCodes.InvalidData, 4);
        await AssertEmptyAsync();
    }

    [Fact]
    public async Task A_refused_transaction_rolls_back_every_entry_of_every_table()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "before")), Put(Todos, "t1", ("list_id", "l1"), ("description", "before")))));

        var result = await backend.UploadAsync(Tx(
            2,
            Patch(Lists, "l1", ("name", "after")),
            Put(Lists, "l2", ("name", "new")),
            Delete(Todos, "t1"),
            Put(Todos, "t2", ("list_id", "l2")),
            Put(Todos, "t3", ("list_id", "nowhere"))));

        AssertRefused(result, ErrorCodes.ForeignKeyViolation, 4);
        await AssertRowAsync(Lists, "l1", ("name", "before"));
        await AssertRowAsync(Todos, "t1", ("description", "before"));
        await AssertNoRowAsync(Lists, "l2");
        await AssertNoRowAsync(Todos, "t2");
    }

    [Fact]
    public async Task A_refused_transaction_keeps_the_transactions_committed_before_it()
    {
        var backend = Start(pipeline: b => b.Configure(o => o.OnFatalError = FatalErrorPolicy.Stop));

        var result = await backend.UploadAsync(
            Tx(1, Put(Lists, "l1", ("name", "kept"))),
            Tx(2, Put(Todos, "t1", ("list_id", "nowhere"))),
            Tx(3, Put(Lists, "l3", ("name", "not attempted"))));

        Assert.Equal(TransactionStatus.Success, result.Results[0].Status);
        AssertRefused(result, ErrorCodes.ForeignKeyViolation, 0, transaction: 1);
        Assert.Equal(TransactionStatus.NotAttempted, result.Results[2].Status);
        await AssertRowAsync(Lists, "l1", ("name", "kept"));
        await AssertNoRowAsync(Lists, "l3");
    }

    [Fact]
    public async Task With_the_skip_policy_the_transactions_after_a_refused_one_still_apply()
    {
        var backend = Start(pipeline: b => b.Configure(o => o.OnFatalError = FatalErrorPolicy.Skip));

        var result = await backend.UploadAsync(
            Tx(1, Put(Lists, "l1", ("name", "a"))),
            Tx(2, Put(Todos, "t1", ("list_id", "nowhere"))),
            Tx(3, Put(Lists, "l3", ("name", "c"))));

        AssertRefused(result, ErrorCodes.ForeignKeyViolation, 0, transaction: 1);
        Assert.Equal(TransactionStatus.Success, result.Results[2].Status);
        await AssertRowAsync(Lists, "l3", ("name", "c"));
        Assert.Equal(3L, (await backend.PositionAsync()).LastTransactionId);
    }
}
