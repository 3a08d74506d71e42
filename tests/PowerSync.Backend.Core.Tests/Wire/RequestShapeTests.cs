using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Wire;
using static PowerSync.Backend.Core.Tests.Wire.TestParser;

namespace PowerSync.Backend.Core.Tests.Wire;

public sealed class RequestShapeTests
{
    [Fact]
    public void Reference_shape_reads_transactions_in_order_with_their_entries()
    {
        var upload = Parse("""
            {"transactions":[
              {"transaction_id":3,"crud":[
                {"op":"PUT","table":"lists","id":"l1","op_data":{"name":"a"}},
                {"op":"PATCH","table":"todos","id":"t1","op_data":{"done":1}}]},
              {"transaction_id":4,"crud":[
                {"op":"DELETE","table":"todos","id":"t2"}]}]}
            """);

        Assert.Equal(RequestShape.Transactions, upload.Shape);
        Assert.Equal(3, upload.EntryCount);
        Assert.Equal([3L, 4L], upload.Transactions.Select(t => t.TransactionId));
        Assert.Equal(["l1", "t1"], upload.Transactions[0].Entries.Select(e => e.Id));
        Assert.Equal([CrudOperation.Put, CrudOperation.Patch], upload.Transactions[0].Entries.Select(e => e.Operation));
        var delete = Assert.Single(upload.Transactions[1].Entries);
        Assert.Equal(new CrudEntry(CrudOperation.Delete, "todos", "t2") { TransactionId = 4 }, delete);
    }

    [Fact]
    public void Reference_entries_inherit_the_transaction_id()
    {
        var upload = Parse("""{"transactions":[{"transaction_id":7,"crud":[{"op":"PUT","table":"t","id":"a"},{"op":"PUT","table":"t","id":"b"}]}]}""");

        var transaction = Assert.Single(upload.Transactions);
        Assert.Equal(7, transaction.TransactionId);
        Assert.All(transaction.Entries, e => Assert.Equal(7, e.TransactionId));
    }

    [Fact]
    public void Reference_transaction_without_id_takes_its_entries_id()
    {
        var upload = Parse("""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a","transaction_id":9},{"op":"PUT","table":"t","id":"b"}]}]}""");

        var transaction = Assert.Single(upload.Transactions);
        Assert.Equal(9, transaction.TransactionId);
        Assert.All(transaction.Entries, e => Assert.Equal(9, e.TransactionId));
    }

    [Fact]
    public void Reference_entry_keeps_its_own_transaction_id()
    {
        var upload = Parse("""{"transactions":[{"transaction_id":1,"crud":[{"op":"PUT","table":"t","id":"a","transaction_id":2}]}]}""");

        var transaction = Assert.Single(upload.Transactions);
        Assert.Equal(1, transaction.TransactionId);
        Assert.Equal(2, Assert.Single(transaction.Entries).TransactionId);
    }

    [Fact]
    public void Reference_transaction_without_any_id_has_none()
    {
        var upload = Parse("""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a"}]}]}""");

        var transaction = Assert.Single(upload.Transactions);
        Assert.Null(transaction.TransactionId);
        Assert.Null(Assert.Single(transaction.Entries).TransactionId);
    }

    [Theory]
    [InlineData("transaction_id", "12")]
    [InlineData("tx_id", "12")]
    [InlineData("transactionId", "\"12\"")]
    public void Reference_transaction_id_accepts_every_alias(string field, string value)
    {
        var upload = Parse($$"""{"transactions":[{"{{field}}":{{value}},"crud":[{"op":"PUT","table":"t","id":"a"}]}]}""");

        Assert.Equal(12, Assert.Single(upload.Transactions).TransactionId);
    }

    [Fact]
    public void Classic_batch_groups_consecutive_equal_tx_ids_into_transactions()
    {
        var upload = Parse("""
            {"batch":[
              {"op":"PUT","table":"t","id":"a","tx_id":1},
              {"op":"PUT","table":"t","id":"b","tx_id":1},
              {"op":"PUT","table":"t","id":"c","tx_id":2},
              {"op":"PUT","table":"t","id":"d","tx_id":1},
              {"op":"PUT","table":"t","id":"e"},
              {"op":"PUT","table":"t","id":"f"}]}
            """);

        Assert.Equal(RequestShape.Batch, upload.Shape);
        Assert.Equal(6, upload.EntryCount);
        Assert.Equal([1L, 2L, 1L, null], upload.Transactions.Select(t => t.TransactionId));
        Assert.Equal(["a,b", "c", "d", "e,f"], upload.Transactions.Select(t => string.Join(',', t.Entries.Select(e => e.Id))));
    }

    [Fact]
    public void Classic_batch_without_tx_ids_is_one_transaction()
    {
        var upload = Parse("""{"batch":[{"op":"PUT","table":"t","id":"a"},{"op":"PATCH","table":"t","id":"b","data":{"x":1}},{"op":"DELETE","table":"t","id":"c"}]}""");

        var transaction = Assert.Single(upload.Transactions);
        Assert.Null(transaction.TransactionId);
        Assert.Equal(["a", "b", "c"], transaction.Entries.Select(e => e.Id));
    }

    [Fact]
    public void Bare_array_is_read_as_javascript_toJSON_entries()
    {
        var upload = Parse("""
            [{"op_id":1,"op":"PUT","type":"todos","id":"a","tx_id":1,"data":{"x":1},"metadata":"m"},
             {"op_id":2,"op":"PATCH","type":"todos","id":"a","tx_id":2,"data":{"x":2},"old":{"x":1}}]
            """);

        Assert.Equal(RequestShape.EntryArray, upload.Shape);
        Assert.Null(upload.ClientId);
        Assert.Equal(2, upload.EntryCount);
        Assert.Equal([1L, 2L], upload.Transactions.Select(t => t.TransactionId));
        var patch = Assert.Single(upload.Transactions[1].Entries);
        Assert.Equal(
            new CrudEntry(CrudOperation.Patch, "todos", "a")
            {
                OperationId = 2,
                TransactionId = 2,
                Data = Data(("x", CrudValue.FromInteger(2))),
                Previous = Data(("x", CrudValue.FromInteger(1))),
            },
            patch);
    }

    [Theory]
    [InlineData(CrudOperation.Put)]
    [InlineData(CrudOperation.Patch)]
    public void Single_entry_takes_its_operation_from_the_verb(CrudOperation verb)
    {
        var upload = Parse("""{"table":"todos","data":{"id":"r1","title":"x"}}""", verb);

        Assert.Equal(RequestShape.SingleEntry, upload.Shape);
        Assert.Equal(1, upload.EntryCount);
        var transaction = Assert.Single(upload.Transactions);
        Assert.Null(transaction.TransactionId);
        Assert.Equal(new CrudEntry(verb, "todos", "r1") { Data = Data(("title", CrudValue.FromText("x"))) }, Assert.Single(transaction.Entries));
    }

    [Fact]
    public void Single_delete_entry_keeps_only_the_id_from_its_data()
    {
        var entry = SingleEntry("""{"table":"todos","data":{"id":"r1"}}""", CrudOperation.Delete);

        Assert.Equal(new CrudEntry(CrudOperation.Delete, "todos", "r1"), entry);
        Assert.Same(CrudData.Empty, entry.Data);
    }

    [Fact]
    public void Single_entry_op_that_matches_the_verb_is_accepted()
    {
        var entry = SingleEntry("""{"op":"patch","table":"todos","id":"r1","data":{"a":1}}""", CrudOperation.Patch);

        Assert.Equal(CrudOperation.Patch, entry.Operation);
    }

    [Fact]
    public void Single_entry_op_that_contradicts_the_verb_is_refused()
    {
        var error = Fails("""{"op":"PUT","table":"todos","data":{"id":"r1"}}""", CrudOperation.Delete);

        Assert.Equal(UploadFormatError.InvalidField, error.Error);
        Assert.Equal("$.op", error.Path);
    }

    [Fact]
    public void Single_entry_posted_without_a_verb_is_read_from_its_op()
    {
        var upload = Parse("""{"op":"PUT","type":"t","id":"1","data":{"a":1},"op_id":5,"tx_id":6}""");

        Assert.Equal(RequestShape.SingleEntry, upload.Shape);
        Assert.Equal(
            new CrudEntry(CrudOperation.Put, "t", "1") { Data = Data(("a", CrudValue.FromInteger(1))), OperationId = 5, TransactionId = 6 },
            Assert.Single(Assert.Single(upload.Transactions).Entries));
        Assert.Equal(6, upload.Transactions[0].TransactionId);
    }

    [Fact]
    public void Single_entry_posted_without_a_verb_needs_an_op()
    {
        var error = Fails("""{"table":"t","id":"1"}""");

        Assert.Equal(UploadFormatError.MissingField, error.Error);
        Assert.Equal("$.op", error.Path);
    }

    [Theory]
    [InlineData("""{"transactions":[{"transaction_id":1,"crud":[{"op":"PUT","table":"t","id":"a"}]}]}""", "$.transactions")]
    [InlineData("""{"batch":[{"op":"PUT","table":"t","id":"a"}]}""", "$.batch")]
    [InlineData("""[{"op":"PUT","table":"t","id":"a"}]""", "$")]
    public void Batch_body_sent_with_a_verb_is_refused(string json, string path)
    {
        var error = Fails(json, CrudOperation.Put);

        Assert.Equal(UploadFormatError.InvalidField, error.Error);
        Assert.Equal(path, error.Path);
    }

    [Theory]
    [InlineData("""{"client_id":"c-1","transactions":[{"crud":[{"op":"PUT","table":"t","id":"a"}]}]}""", RequestShape.Transactions)]
    [InlineData("""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a"}]}],"client_id":"c-1"}""", RequestShape.Transactions)]
    [InlineData("""{"clientId":"c-1","batch":[{"op":"PUT","table":"t","id":"a"}]}""", RequestShape.Batch)]
    [InlineData("""{"client_id":"c-1","op":"PUT","table":"t","id":"a"}""", RequestShape.SingleEntry)]
    [InlineData("""{"op":"PUT","table":"t","id":"a","op_id":3,"clientId":"c-1"}""", RequestShape.SingleEntry)]
    public void Top_level_client_id_string_is_captured(string json, RequestShape shape)
    {
        var upload = Parse(json);

        Assert.Equal(shape, upload.Shape);
        Assert.Equal("c-1", upload.ClientId);
    }

    [Fact]
    public void Single_entry_numeric_client_id_is_its_op_id()
    {
        var upload = Parse("""{"client_id":12,"op":"PUT","table":"t","id":"a"}""");

        Assert.Null(upload.ClientId);
        Assert.Equal(12, Assert.Single(upload.Entries()).OperationId);
    }

    [Fact]
    public void Numeric_client_id_beside_transactions_is_not_a_client_id()
    {
        var upload = Parse("""{"client_id":12,"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a"}]}]}""");

        Assert.Null(upload.ClientId);
        Assert.Null(Assert.Single(upload.Entries()).OperationId);
    }

    [Fact]
    public void ToUpload_prefers_the_header_client_id()
    {
        var parsed = Parse("""{"client_id":"from-body","batch":[{"op":"PUT","table":"t","id":"a"}]}""");

        var upload = parsed.ToUpload("user-1", "from-header");

        Assert.Equal("user-1", upload.UserId);
        Assert.Equal("from-header", upload.ClientId);
        Assert.Same(parsed.Transactions, upload.Transactions);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ToUpload_falls_back_to_the_body_client_id(string? header)
    {
        var parsed = Parse("""{"client_id":"from-body","batch":[{"op":"PUT","table":"t","id":"a"}]}""");

        Assert.Equal("from-body", parsed.ToUpload("user-1", header).ClientId);
    }

    [Fact]
    public void ToUpload_without_any_client_id_has_none()
    {
        var parsed = Parse("""[{"op":"PUT","table":"t","id":"a"}]""");

        var upload = parsed.ToUpload(null, "");

        Assert.Null(upload.UserId);
        Assert.Null(upload.ClientId);
    }
}
