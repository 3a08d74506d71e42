using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Wire;
using static PowerSync.Backend.Core.Tests.Wire.TestParser;

namespace PowerSync.Backend.Core.Tests.Wire;

public sealed class FieldAliasTests
{
    [Theory]
    [InlineData("type")]
    [InlineData("table")]
    public void Table_is_read_under_every_alias(string field)
    {
        var entry = SingleEntry($$"""[{"op":"PUT","{{field}}":"todos","id":"a"}]""");

        Assert.Equal("todos", entry.Table);
    }

    [Theory]
    [InlineData("data")]
    [InlineData("opData")]
    [InlineData("op_data")]
    public void Data_is_read_under_every_alias(string field)
    {
        var entry = SingleEntry($$$"""[{"op":"PUT","table":"t","id":"a","{{{field}}}":{"name":"x","n":2}}]""");

        Assert.Equal(Data(("name", CrudValue.FromText("x")), ("n", CrudValue.FromInteger(2))), entry.Data);
    }

    [Theory]
    [InlineData("op_id", "7")]
    [InlineData("op_id", "\"7\"")]
    [InlineData("clientId", "7")]
    [InlineData("clientId", "\"7\"")]
    [InlineData("client_id", "7")]
    [InlineData("client_id", "\"7\"")]
    public void Operation_id_is_read_under_every_alias_as_number_or_digit_string(string field, string value)
    {
        var entry = SingleEntry($$"""[{"op":"PUT","table":"t","id":"a","{{field}}":{{value}}}]""");

        Assert.Equal(7, entry.OperationId);
    }

    [Theory]
    [InlineData("tx_id", "5")]
    [InlineData("tx_id", "\"5\"")]
    [InlineData("transactionId", "5")]
    [InlineData("transactionId", "\"5\"")]
    [InlineData("transaction_id", "5")]
    [InlineData("transaction_id", "\"5\"")]
    public void Transaction_id_is_read_under_every_alias_as_number_or_digit_string(string field, string value)
    {
        var upload = Parse($$"""[{"op":"PUT","table":"t","id":"a","{{field}}":{{value}}},{"op":"PUT","table":"t","id":"b","tx_id":5}]""");

        var transaction = Assert.Single(upload.Transactions);
        Assert.Equal(5, transaction.TransactionId);
        Assert.Equal(5, transaction.Entries[0].TransactionId);
    }

    [Theory]
    [InlineData("old")]
    [InlineData("previousValues")]
    [InlineData("previous_values")]
    public void Previous_values_are_read_under_every_alias(string field)
    {
        var entry = SingleEntry($$$"""[{"op":"PATCH","table":"t","id":"a","data":{"n":2},"{{{field}}}":{"n":1,"id":"a"}}]""");

        Assert.Equal(Data(("n", CrudValue.FromInteger(1)), ("id", CrudValue.FromText("a"))), entry.Previous);
    }

    [Fact]
    public void Previous_values_null_means_none_and_empty_object_means_empty()
    {
        var entries = Parse("""[{"op":"PATCH","table":"t","id":"a","old":null},{"op":"PATCH","table":"t","id":"b","old":{}},{"op":"PATCH","table":"t","id":"c"}]""").Entries();

        Assert.Null(entries[0].Previous);
        Assert.Same(CrudData.Empty, entries[1].Previous);
        Assert.Null(entries[2].Previous);
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("\"42\"", "42")]
    [InlineData("\"a b\"", "a b")]
    public void Numeric_ids_become_strings(string json, string expected)
    {
        var entry = SingleEntry($$"""[{"op":"PUT","table":"t","id":{{json}}}]""");

        Assert.Equal(expected, entry.Id);
    }

    [Fact]
    public void Id_inside_data_is_the_row_id_and_is_removed_from_data()
    {
        var entry = SingleEntry("""[{"op":"PUT","table":"t","data":{"name":"x","id":"r1","n":1}}]""");

        Assert.Equal("r1", entry.Id);
        Assert.False(entry.Data.ContainsKey("id"));
        Assert.Equal(["name", "n"], entry.Data.Keys);
    }

    [Fact]
    public void Numeric_id_inside_data_becomes_a_string()
    {
        var entry = SingleEntry("""[{"op":"PUT","table":"t","data":{"id":42}}]""");

        Assert.Equal("42", entry.Id);
        Assert.Same(CrudData.Empty, entry.Data);
    }

    [Theory]
    [InlineData("\"r1\"", "\"r1\"")]
    [InlineData("42", "42")]
    [InlineData("\"42\"", "42")]
    public void Id_inside_data_equal_to_the_entry_id_is_accepted(string entryId, string dataId)
    {
        var entry = SingleEntry($$$"""[{"op":"PATCH","table":"t","id":{{{entryId}}},"data":{"id":{{{dataId}}},"x":1}}]""");

        Assert.Equal(Data(("x", CrudValue.FromInteger(1))), entry.Data);
    }

    [Theory]
    [InlineData("""[{"op":"PUT","table":"t","id":"r1","data":{"id":"r2"}}]""", "$[0].data.id")]
    [InlineData("""{"batch":[{"op":"PUT","table":"t","id":"r1"},{"op":"PUT","table":"t","id":"r1","opData":{"id":"R1"}}]}""", "$.batch[1].opData.id")]
    [InlineData("""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"1","op_data":{"id":2}}]}]}""", "$.transactions[0].crud[0].op_data.id")]
    public void Id_inside_data_that_differs_from_the_entry_id_is_refused(string json, string path)
    {
        var error = Fails(json);

        Assert.Equal(UploadFormatError.InvalidField, error.Error);
        Assert.Equal(path, error.Path);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1.5")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Id_inside_data_that_is_not_text_or_a_whole_number_is_refused(string value)
    {
        var error = Fails($$$"""[{"op":"PUT","table":"t","data":{"id":{{{value}}}}}]""");

        Assert.Equal(UploadFormatError.InvalidField, error.Error);
        Assert.Equal("$[0].data.id", error.Path);
    }

    [Theory]
    [InlineData("put", CrudOperation.Put)]
    [InlineData("Put", CrudOperation.Put)]
    [InlineData("patch", CrudOperation.Patch)]
    [InlineData("PaTcH", CrudOperation.Patch)]
    [InlineData("delete", CrudOperation.Delete)]
    [InlineData("DELETE", CrudOperation.Delete)]
    public void Operation_names_are_case_insensitive(string op, CrudOperation expected)
    {
        var entry = SingleEntry($$"""[{"op":"{{op}}","table":"t","id":"a"}]""");

        Assert.Equal(expected, entry.Operation);
    }

    [Fact]
    public void Unknown_fields_are_ignored_at_every_level()
    {
        var plain = Parse("""{"transactions":[{"transaction_id":1,"crud":[{"op":"PUT","table":"t","id":"a","op_data":{"x":1}}]}]}""");

        var decorated = Parse("""
            {"version":2,"meta":{"a":[1,{"b":null}]},
             "transactions":[{"transaction_id":1,"note":"x","extra":[[],{}],
               "crud":[{"op":"PUT","table":"t","id":"a","op_data":{"x":1},"unknown":{"deep":[1,2,{"c":"d"}]},"flag":true,"n":null}]}],
             "trailer":"z"}
            """);

        Assert.Equal(plain.Transactions, decorated.Transactions);
        Assert.Null(decorated.ClientId);
    }

    [Fact]
    public void Delete_data_is_ignored()
    {
        var entry = SingleEntry("""[{"op":"DELETE","table":"t","id":"a","data":{"x":1,"y":"z"},"old":{"x":1}}]""");

        Assert.Same(CrudData.Empty, entry.Data);
        Assert.Equal(Data(("x", CrudValue.FromInteger(1))), entry.Previous);
    }

    [Fact]
    public void Empty_patch_data_is_CrudData_Empty()
    {
        var entry = SingleEntry("""[{"op":"PATCH","table":"t","id":"a","data":{}}]""");

        Assert.Same(CrudData.Empty, entry.Data);
    }

    [Theory]
    [InlineData("""[{"op":"PUT","table":"t","id":"a"}]""")]
    [InlineData("""[{"op":"PUT","table":"t","id":"a","data":null}]""")]
    public void Absent_or_null_data_is_empty(string json)
    {
        Assert.Same(CrudData.Empty, SingleEntry(json).Data);
    }

    [Fact]
    public void Patch_column_set_to_null_is_kept_as_Null()
    {
        var entry = SingleEntry("""[{"op":"PATCH","table":"t","id":"a","data":{"photo_id":null,"n":1}}]""");

        Assert.Equal(2, entry.Data.Count);
        Assert.True(entry.Data.TryGetValue("photo_id", out var value));
        Assert.Equal(CrudValueKind.Null, value.Kind);
    }

    [Theory]
    [InlineData("\"completed-on-phone\"", "completed-on-phone")]
    [InlineData("\"{\\\"k\\\":1}\"", "{\"k\":1}")]
    [InlineData("null", null)]
    public void Metadata_string_is_kept(string json, string? expected)
    {
        var entry = SingleEntry($$"""[{"op":"PUT","table":"t","id":"a","metadata":{{json}}}]""");

        Assert.Equal(expected, entry.Metadata);
    }

    [Fact]
    public void Absent_metadata_is_null()
    {
        Assert.Null(SingleEntry("""[{"op":"PUT","table":"t","id":"a"}]""").Metadata);
    }

    [Fact]
    public void Later_duplicate_field_wins()
    {
        var entry = SingleEntry("""[{"op":"PUT","table":"first","id":"a","table":"second","op":"PATCH"}]""");

        Assert.Equal("second", entry.Table);
        Assert.Equal(CrudOperation.Patch, entry.Operation);
    }
}
