using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Tests.Wire;

namespace PowerSync.Backend.Core.Tests.Model;

public sealed class CrudTransactionTests
{
    private static CrudEntry Put(string id, long? operationId = null, params (string Column, CrudValue Value)[] data) =>
        new(CrudOperation.Put, "t", id) { OperationId = operationId, Data = TestParser.Data(data) };

    [Fact]
    public void Entries_with_equal_fields_are_equal_whatever_the_column_order()
    {
        var left = Put("a", 1, ("x", CrudValue.FromInteger(1)), ("y", CrudValue.FromText("z")));
        var right = Put("a", 1, ("y", CrudValue.FromText("z")), ("x", CrudValue.FromInteger(1)));

        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.NotEqual(left, left with { Previous = CrudData.Empty });
        Assert.NotEqual(left, left with { Metadata = "m" });
        Assert.NotEqual(left, left with { TransactionId = 1 });
    }

    [Fact]
    public void Transactions_are_equal_when_ids_and_entries_are_equal()
    {
        var left = new CrudTransaction(3, [Put("a", 1, ("x", CrudValue.FromInteger(1))), Put("b", 2)]);
        var right = new CrudTransaction(3, new List<CrudEntry> { Put("a", 1, ("x", CrudValue.FromInteger(1))), Put("b", 2) });

        Assert.Equal(left, right);
        Assert.True(left.Equals((object)right));
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Fact]
    public void Transactions_differ_by_id_entry_order_or_entry_content()
    {
        var transaction = new CrudTransaction(3, [Put("a"), Put("b")]);

        Assert.NotEqual(transaction, new CrudTransaction(4, [Put("a"), Put("b")]));
        Assert.NotEqual(transaction, new CrudTransaction(null, [Put("a"), Put("b")]));
        Assert.NotEqual(transaction, new CrudTransaction(3, [Put("b"), Put("a")]));
        Assert.NotEqual(transaction, new CrudTransaction(3, [Put("a")]));
        Assert.NotEqual(transaction, new CrudTransaction(3, [Put("a"), Put("b", 1)]));
        Assert.False(transaction.Equals(null));
    }

    [Fact]
    public void Last_operation_id_is_the_highest_op_id()
    {
        Assert.Equal(9, new CrudTransaction(1, [Put("a", 7), Put("b"), Put("c", 9), Put("d", 8)]).LastOperationId);
        Assert.Null(new CrudTransaction(1, [Put("a"), Put("b")]).LastOperationId);
        Assert.Null(new CrudTransaction(1, []).LastOperationId);
    }

    [Fact]
    public void WithEntries_keeps_the_transaction_id()
    {
        var transaction = new CrudTransaction(5, [Put("a")]);

        var replaced = transaction.WithEntries([Put("b"), Put("c")]);

        Assert.Equal(5, replaced.TransactionId);
        Assert.Equal(["b", "c"], replaced.Entries.Select(e => e.Id));
    }

    [Fact]
    public void ToString_names_the_id_and_entry_count()
    {
        Assert.Equal("Transaction 5 with 2 entries", new CrudTransaction(5, [Put("a"), Put("b")]).ToString());
        Assert.Equal("Transaction (no id) with 1 entries", new CrudTransaction(null, [Put("a")]).ToString());
    }

    [Fact]
    public void Null_entries_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new CrudTransaction(1, null!));
    }

    [Fact]
    public void Upload_normalises_an_empty_client_id_to_null()
    {
        Assert.Null(new CrudUpload("u", string.Empty, []).ClientId);
        Assert.Equal("c", new CrudUpload("u", "c", []).ClientId);
        Assert.Throws<ArgumentNullException>(() => new CrudUpload("u", "c", null!));
    }
}
