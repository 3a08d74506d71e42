using System.Text;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Wire;
using static PowerSync.Backend.Core.Tests.Wire.TestParser;

namespace PowerSync.Backend.Core.Tests.Wire;

public sealed class LimitTests
{
    private static string Transactions(int count) =>
        "{\"transactions\":[" + string.Join(',', Enumerable.Range(1, count).Select(i => $$"""{"transaction_id":{{i}},"crud":[{"op":"PUT","table":"t","id":"r{{i}}"}]}""")) + "]}";

    private static string BatchEntries(int count) =>
        string.Join(',', Enumerable.Range(1, count).Select(i => $$"""{"op":"PUT","table":"t","id":"r{{i}}","tx_id":{{i}}}"""));

    [Fact]
    public void Defaults_match_the_reference_write_api()
    {
        var limits = new UploadLimits();

        Assert.Equal(50, limits.MaxTransactions);
        Assert.Equal(10_000, limits.MaxEntries);
        Assert.Equal(10 * 1024 * 1024, limits.MaxBytes);
        Assert.Equal(32, limits.MaxDepth);
    }

    [Fact]
    public void Fifty_transactions_are_accepted()
    {
        var upload = Parse(Transactions(50));

        Assert.Equal(50, upload.Transactions.Count);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long?)i), upload.Transactions.Select(t => t.TransactionId));
    }

    [Fact]
    public void Fifty_first_transaction_is_LimitExceeded()
    {
        var error = Fails(Transactions(51));

        Assert.Equal(UploadFormatError.LimitExceeded, error.Error);
        Assert.Equal("$.transactions[50]", error.Path);
        Assert.Equal(50, error.TransactionIndex);
        Assert.Null(error.EntryIndex);
    }

    [Fact]
    public void Transaction_limit_is_configurable()
    {
        var limits = new UploadLimits { MaxTransactions = 2 };

        Assert.Equal(2, Parse(Transactions(2), limits: limits).Transactions.Count);
        var error = Fails(Transactions(3), limits: limits);
        Assert.Equal(UploadFormatError.LimitExceeded, error.Error);
        Assert.Equal("$.transactions[2]", error.Path);
    }

    [Fact]
    public void Transaction_limit_does_not_apply_to_a_classic_batch()
    {
        var upload = Parse("{\"batch\":[" + BatchEntries(60) + "]}");

        Assert.Equal(RequestShape.Batch, upload.Shape);
        Assert.Equal(60, upload.Transactions.Count);
    }

    [Fact]
    public void Transaction_limit_does_not_apply_to_a_bare_array()
    {
        var upload = Parse("[" + BatchEntries(60) + "]");

        Assert.Equal(60, upload.Transactions.Count);
    }

    [Fact]
    public void Entry_limit_counts_entries_in_a_batch()
    {
        var limits = new UploadLimits { MaxEntries = 3 };

        Assert.Equal(3, Parse("{\"batch\":[" + BatchEntries(3) + "]}", limits: limits).EntryCount);
        var error = Fails("{\"batch\":[" + BatchEntries(4) + "]}", limits: limits);
        Assert.Equal(UploadFormatError.LimitExceeded, error.Error);
        Assert.Equal("$.batch[3]", error.Path);
        Assert.Equal(3, error.EntryIndex);
    }

    [Fact]
    public void Entry_limit_counts_entries_across_transactions()
    {
        var limits = new UploadLimits { MaxEntries = 3 };
        var body = """{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a"},{"op":"PUT","table":"t","id":"b"}]},{"crud":[{"op":"PUT","table":"t","id":"c"},{"op":"PUT","table":"t","id":"d"}]}]}""";

        var error = Fails(body, limits: limits);

        Assert.Equal(UploadFormatError.LimitExceeded, error.Error);
        Assert.Equal("$.transactions[1].crud[1]", error.Path);
        Assert.Equal(1, error.TransactionIndex);
        Assert.Equal(1, error.EntryIndex);
    }

    [Fact]
    public void Entry_limit_counts_a_bare_array()
    {
        var error = Fails("[" + BatchEntries(2) + "]", limits: new UploadLimits { MaxEntries = 1 });

        Assert.Equal(UploadFormatError.LimitExceeded, error.Error);
        Assert.Equal("$[1]", error.Path);
    }


    [Theory]
    [InlineData(0, 1, 2, 6)]
    [InlineData(1, 0, 2, 6)]
    [InlineData(1, 1, 1, 6)]
    [InlineData(1, 1, 2, 5)]
    public void Unusable_limits_are_refused(int transactions, int entries, long bytes, int depth)
    {
        var limits = new UploadLimits { MaxTransactions = transactions, MaxEntries = entries, MaxBytes = bytes, MaxDepth = depth };

        Assert.Throws<ArgumentOutOfRangeException>(() => new CrudUploadParser(limits));
    }

    [Fact]
    public void Null_limits_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new CrudUploadParser(null!));
    }

    [Fact]
    public void Parser_copies_its_limits()
    {
        var limits = new UploadLimits { MaxTransactions = 1 };
        var parser = new CrudUploadParser(limits);
        limits.MaxTransactions = 100;

        var error = Assert.Throws<UploadFormatException>(() => parser.Parse(Encoding.UTF8.GetBytes(Transactions(2))));

        Assert.Equal(UploadFormatError.LimitExceeded, error.Error);
    }
}
