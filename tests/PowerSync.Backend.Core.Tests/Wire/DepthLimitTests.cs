using PowerSync.Backend.Core.Wire;
using static PowerSync.Backend.Core.Tests.Wire.TestParser;

namespace PowerSync.Backend.Core.Tests.Wire;

public sealed class DepthLimitTests
{
    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    [Fact]
    public void Nesting_inside_a_data_value_up_to_max_depth_is_accepted()
    {
        // root, transactions, transaction, crud, entry and op_data use 6 of the 32 levels.
        var entry = SingleEntry($$$"""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a","op_data":{"col":{{{Nested(26)}}}}}]}]}""");

        Assert.Equal(Nested(26), entry.Data["col"].AsJson());
    }

    [Theory]
    [InlineData(27)]
    [InlineData(100)]
    [InlineData(5000)]
    public void Nesting_inside_a_data_value_past_max_depth_is_LimitExceeded(int depth)
    {
        var error = Fails($$$"""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a","op_data":{"col":{{{Nested(depth)}}}}}]}]}""");

        Assert.Equal(UploadFormatError.LimitExceeded, error.Error);
        Assert.Equal("$.transactions[0].crud[0].op_data.col", error.Path);
        Assert.Equal(0, error.TransactionIndex);
        Assert.Equal(0, error.EntryIndex);
    }

    [Fact]
    public void Nesting_inside_a_batch_data_value_counts_from_the_batch_shape()
    {
        // root, batch, entry and data use 4 levels.
        Assert.Equal(Nested(28), SingleEntry($$$"""{"batch":[{"op":"PUT","table":"t","id":"a","data":{"col":{{{Nested(28)}}}}}]}""").Data["col"].AsJson());

        var error = Fails($$$"""{"batch":[{"op":"PUT","table":"t","id":"a","data":{"col":{{{Nested(29)}}}}}]}""");
        Assert.Equal(UploadFormatError.LimitExceeded, error.Error);
        Assert.Equal("$.batch[0].data.col", error.Path);
    }

    [Fact]
    public void Nesting_inside_an_unknown_entry_field_past_max_depth_is_LimitExceeded()
    {
        Assert.Equal("a", SingleEntry($$"""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a","extra":{{Nested(27)}}}]}]}""").Id);

        var error = Fails($$"""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a","extra":{{Nested(28)}}}]}]}""");

        Assert.Equal(UploadFormatError.LimitExceeded, error.Error);
        Assert.Equal("$.transactions[0].crud[0].extra", error.Path);
    }

    [Fact]
    public void Nesting_inside_an_unknown_transaction_field_past_max_depth_is_LimitExceeded()
    {
        var error = Fails($$"""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a"}],"extra":{{Nested(500)}}}]}""");

        Assert.Equal(UploadFormatError.LimitExceeded, error.Error);
        Assert.Equal("$.transactions[0].extra", error.Path);
        Assert.Equal(0, error.TransactionIndex);
    }

    [Fact]
    public void Nesting_inside_an_unknown_root_field_past_max_depth_is_LimitExceeded()
    {
        Assert.Single(Parse($$"""{"x":{{Nested(31)}},"batch":[{"op":"PUT","table":"t","id":"a"}]}""").Entries());

        var error = Fails($$"""{"x":{{Nested(32)}},"batch":[{"op":"PUT","table":"t","id":"a"}]}""");

        Assert.Equal(UploadFormatError.LimitExceeded, error.Error);
        Assert.Equal("$.x", error.Path);
    }

    [Fact]
    public void Nesting_inside_metadata_past_max_depth_is_LimitExceeded()
    {
        var error = Fails($$"""[{"op":"PUT","table":"t","id":"a","metadata":{{Nested(200)}}}]""");

        Assert.Equal(UploadFormatError.LimitExceeded, error.Error);
        Assert.Equal("$[0].metadata", error.Path);
    }

    [Fact]
    public void Depth_limit_is_configurable()
    {
        var limits = new UploadLimits { MaxDepth = 8 };

        Assert.Single(Parse($$$"""[{"op":"PUT","table":"t","id":"a","data":{"c":{{{Nested(5)}}}}}]""", limits: limits).Entries());
        var error = Fails($$$"""[{"op":"PUT","table":"t","id":"a","data":{"c":{{{Nested(6)}}}}}]""", limits: limits);
        Assert.Equal(UploadFormatError.LimitExceeded, error.Error);
        Assert.Equal("$[0].data.c", error.Path);
    }
}
