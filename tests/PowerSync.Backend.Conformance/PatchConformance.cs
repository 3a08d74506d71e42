using PowerSync.Backend.Core.Errors;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Conformance;

/// <summary>PATCH: partial updates, explicit nulls, empty patches, missing rows.</summary>
public abstract class PatchConformance : ConformanceSuite
{
    /// <summary>Creates the suite.</summary>
    /// <param name="database">The provider's database.</param>
    protected PatchConformance(ConformanceDatabase database)
        : base(database)
    {
    }

    [Fact]
    public async Task Patch_updates_only_the_supplied_columns()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "before"), ("owner_id", "u1"), ("created_at", "2025-01-01T00:00:00Z")))));

        AssertSuccess(await backend.UploadAsync(Tx(2, Patch(Lists, "l1", ("name", "after")))));

        Assert.Equal(Data(("name", "after"), ("owner_id", "u1"), ("created_at", "2025-01-01T00:00:00Z")), await RowAsync(Lists, "l1"));
    }

    [Fact]
    public async Task Patch_with_an_explicit_null_clears_the_column()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n"), ("owner_id", "u1")))));

        AssertSuccess(await backend.UploadAsync(Tx(2, Patch(Lists, "l1", ("owner_id", null)))));

        await AssertRowAsync(Lists, "l1", ("name", "n"), ("owner_id", null));
    }

    [Fact]
    public async Task Patch_setting_a_required_column_to_null_is_refused_with_NOT_NULL_VIOLATION()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")))));

        var result = await backend.UploadAsync(Tx(2, Patch(Lists, "l1", ("owner_id", "u2")), Patch(Lists, "l1", ("name", null))));

        AssertRefused(result, ErrorCodes.NotNullViolation, 1);
        await AssertRowAsync(Lists, "l1", ("name", "n"), ("owner_id", null));
    }

    [Fact]
    public async Task Empty_patch_succeeds_and_changes_nothing()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n"), ("owner_id", "u1")))));

        AssertSuccess(await backend.UploadAsync(Tx(2, Patch(Lists, "l1"))));

        Assert.Equal(Data(("name", "n"), ("owner_id", "u1"), ("created_at", null)), await RowAsync(Lists, "l1"));
        Assert.Equal(2L, (await backend.PositionAsync()).LastTransactionId);
    }

    [Fact]
    public async Task Empty_patch_of_a_missing_row_succeeds_and_creates_nothing()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Patch(Lists, "l1"))));

        await AssertEmptyAsync();
    }

    [Fact]
    public async Task Patch_of_a_missing_row_is_a_no_op_that_succeeds()
    {
        var backend = Start();

        var result = await backend.UploadAsync(Tx(1, Patch(Lists, "gone", ("name", "x")), Put(Lists, "l1", ("name", "kept"))));

        AssertSuccess(result);
        await AssertNoRowAsync(Lists, "gone");
        await AssertRowAsync(Lists, "l1", ("name", "kept"));
        Assert.Empty(await DeadLettersAsync());
    }

    [Fact]
    public async Task Patch_of_a_missing_row_inserts_it_when_configured()
    {
        var backend = Start(o => o.PatchInsertsMissingRows = true);

        AssertSuccess(await backend.UploadAsync(Tx(1, Patch(Lists, "l1", ("name", "created")))));

        Assert.Equal(Data(("name", "created"), ("owner_id", null), ("created_at", null)), await RowAsync(Lists, "l1"));
    }

    [Fact]
    public async Task Patch_that_inserts_a_missing_row_still_only_updates_an_existing_one()
    {
        var backend = Start(o => o.PatchInsertsMissingRows = true);
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n"), ("owner_id", "u1")))));

        AssertSuccess(await backend.UploadAsync(Tx(2, Patch(Lists, "l1", ("name", "after")))));

        await AssertRowAsync(Lists, "l1", ("name", "after"), ("owner_id", "u1"));
    }

    [Fact]
    public async Task Patch_that_inserts_missing_rows_updates_an_existing_row_without_resending_its_required_columns()
    {
        var backend = Start(o => o.PatchInsertsMissingRows = true);
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")), Put(Lists, "l2", ("name", "m")))));

        AssertSuccess(await backend.UploadAsync(Tx(2, Patch(Lists, "l1", ("owner_id", "o1")), Patch(Lists, "l2", ("owner_id", "o2")), Patch(Lists, "l1"))));

        await AssertRowAsync(Lists, "l1", ("name", "n"), ("owner_id", "o1"));
        await AssertRowAsync(Lists, "l2", ("name", "m"), ("owner_id", "o2"));
    }

    [Fact]
    public async Task Patch_that_inserts_a_missing_row_without_its_required_columns_is_refused_with_NOT_NULL_VIOLATION()
    {
        var backend = Start(o => o.PatchInsertsMissingRows = true);
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "n")))));

        var result = await backend.UploadAsync(Tx(2, Patch(Lists, "l1", ("owner_id", "o1")), Patch(Lists, "l2", ("owner_id", "o2"))));

        AssertRefused(result, ErrorCodes.NotNullViolation, 1);
        await AssertRowAsync(Lists, "l1", ("owner_id", null));
        await AssertNoRowAsync(Lists, "l2");
    }

    [Fact]
    public async Task Patches_of_many_rows_apply_each_row_its_own_values()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Enumerable.Range(0, 50).Select(i => Put(Lists, $"l{i}", ("name", "old"), ("owner_id", "o"))).ToArray())));

        AssertSuccess(await backend.UploadAsync(Tx(2, Enumerable.Range(0, 50).Select(i => Patch(Lists, $"l{i}", ("name", $"new {i}"))).ToArray())));

        for (var i = 0; i < 50; i += 7)
        {
            await AssertRowAsync(Lists, $"l{i}", ("name", $"new {i}"), ("owner_id", "o"));
        }
    }

    [Fact]
    public async Task Patches_sending_columns_in_different_orders_all_apply()
    {
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(Lists, "l1", ("name", "a")), Put(Lists, "l2", ("name", "b")))));

        AssertSuccess(await backend.UploadAsync(Tx(2, Patch(Lists, "l1", ("name", "a2"), ("owner_id", "x")), Patch(Lists, "l2", ("owner_id", "y"), ("name", "b2")))));

        await AssertRowAsync(Lists, "l1", ("name", "a2"), ("owner_id", "x"));
        await AssertRowAsync(Lists, "l2", ("name", "b2"), ("owner_id", "y"));
    }
}
