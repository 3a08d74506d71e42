using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Conformance;

/// <summary>DELETE: removal, missing rows, and re-creating a row in the same transaction.</summary>
public abstract class DeleteConformance : ConformanceSuite
{
    /// <summary>Creates the suite.</summary>
    /// <param name="database">The provider's database.</param>
    protected DeleteConformance(ConformanceDatabase database)
        : base(database)
    {
    }

    [Fact]
    public async Task Delete_removes_the_row()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "a")), Put(Lists, "l2", ("name", "b")))));

        AssertSuccess(await backend.UploadAsync(Tx(2, Delete(Lists, "l1"))));

        await AssertNoRowAsync(Lists, "l1");
        await AssertRowAsync(Lists, "l2", ("name", "b"));
    }

    [Fact]
    public async Task Delete_of_a_missing_row_is_a_no_op_that_succeeds()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Delete(Lists, "gone"), Put(Lists, "l1", ("name", "kept")))));

        await AssertRowAsync(Lists, "l1", ("name", "kept"));
        Assert.Empty(await DeadLettersAsync());
    }

    [Fact]
    public async Task Deleting_many_rows_in_one_transaction_removes_them_all()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Enumerable.Range(0, 100).Select(i => Put(Lists, $"l{i}", ("name", "n"))).ToArray())));

        AssertSuccess(await backend.UploadAsync(Tx(2, Enumerable.Range(0, 100).Where(i => i % 4 != 0).Select(i => Delete(Lists, $"l{i}")).ToArray())));

        Assert.Equal(25, await CountAsync(Lists));
        await AssertRowAsync(Lists, "l96");
        await AssertNoRowAsync(Lists, "l97");
    }

    [Fact]
    public async Task Delete_then_put_of_the_same_id_in_one_transaction_recreates_the_row_from_scratch()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "old"), ("owner_id", "u1"), ("created_at", "2025-01-01T00:00:00Z")))));

        AssertSuccess(await backend.UploadAsync(Tx(2, Delete(Lists, "l1"), Put(Lists, "l1", ("name", "new")))));

        Assert.Equal(Data(("name", "new"), ("owner_id", null), ("created_at", null)), await RowAsync(Lists, "l1"));
    }

    [Fact]
    public async Task Put_then_delete_in_one_transaction_leaves_no_row()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")), Put(Lists, "l2", ("name", "m")), Delete(Lists, "l1"))));

        await AssertNoRowAsync(Lists, "l1");
        await AssertRowAsync(Lists, "l2", ("name", "m"));
    }

    [Fact]
    public async Task Delete_put_delete_put_of_one_id_ends_with_the_last_put()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "v0")))));

        AssertSuccess(await backend.UploadAsync(Tx(
            2,
            Delete(Lists, "l1"),
            Put(Lists, "l1", ("name", "v1"), ("owner_id", "o1")),
            Delete(Lists, "l1"),
            Put(Lists, "l1", ("name", "v2")))));

        Assert.Equal(Data(("name", "v2"), ("owner_id", null), ("created_at", null)), await RowAsync(Lists, "l1"));
    }
}
