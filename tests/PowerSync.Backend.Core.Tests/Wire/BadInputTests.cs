using PowerSync.Backend.Core.Wire;
using static PowerSync.Backend.Core.Tests.Wire.TestParser;

namespace PowerSync.Backend.Core.Tests.Wire;

public sealed class BadInputTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("""{"items":[]}""")]
    public void Object_that_is_no_known_shape_is_refused(string json)
    {
        AssertError(Fails(json), UploadFormatError.MissingField, "$.transactions");
    }

    [Theory]
    [InlineData("""{"transactions":[]}""", "$.transactions")]
    [InlineData("""{"batch":[]}""", "$")]
    [InlineData("[]", "$")]
    public void Body_without_entries_is_Empty(string json, string path)
    {
        AssertError(Fails(json), UploadFormatError.Empty, path);
    }

    [Theory]
    [InlineData("""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a"}]}],"batch":[]}""")]
    [InlineData("""{"batch":[{"op":"PUT","table":"t","id":"a"}],"transactions":[{"crud":[]}]}""")]
    public void Both_transactions_and_batch_is_refused(string json)
    {
        AssertError(Fails(json), UploadFormatError.InvalidField, "$");
    }

    [Theory]
    [InlineData("""{"transactions":{}}""", "$.transactions")]
    [InlineData("""{"batch":"x"}""", "$.batch")]
    [InlineData("""{"transactions":null}""", "$.transactions")]
    public void Container_that_is_not_an_array_is_refused(string json, string path)
    {
        AssertError(Fails(json), UploadFormatError.InvalidField, path);
    }

    [Fact]
    public void Transaction_that_is_not_an_object_is_refused()
    {
        var error = Fails("""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a"}]},[1]]}""");

        AssertError(error, UploadFormatError.InvalidField, "$.transactions[1]", transactionIndex: 1);
    }

    [Fact]
    public void Transaction_without_crud_is_refused()
    {
        var error = Fails("""{"transactions":[{"transaction_id":1}]}""");

        AssertError(error, UploadFormatError.MissingField, "$.transactions[0].crud", transactionIndex: 0);
    }

    [Theory]
    [InlineData("""{"batch":[{"op":"PUT","table":"t","id":"a"},"b"]}""", "$.batch[1]")]
    [InlineData("""[null]""", "$[0]")]
    public void Entry_that_is_not_an_object_is_refused(string json, string path)
    {
        var error = Fails(json);

        Assert.Equal(UploadFormatError.InvalidField, error.Error);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Missing_op_names_the_exact_entry()
    {
        var error = Fails("""
            {"transactions":[
              {"crud":[{"op":"PUT","table":"t","id":"a"}]},
              {"crud":[{"op":"PUT","table":"t","id":"b"},{"op":"PUT","table":"t","id":"c"},{"table":"t","id":"d"}]}]}
            """);

        AssertError(error, UploadFormatError.MissingField, "$.transactions[1].crud[2].op", transactionIndex: 1, entryIndex: 2);
    }

    [Fact]
    public void Null_op_is_missing()
    {
        AssertError(Fails("""[{"op":null,"table":"t","id":"a"}]"""), UploadFormatError.MissingField, "$[0].op", entryIndex: 0);
    }

    [Theory]
    [InlineData("UPSERT")]
    [InlineData("")]
    [InlineData("PUT ")]
    [InlineData("INSERT")]
    public void Unknown_op_is_UnknownOperation(string op)
    {
        var error = Fails($$"""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a"}]},{"crud":[{"op":"PUT","table":"t","id":"b"},{"op":"PUT","table":"t","id":"c"},{"op":"{{op}}","table":"t","id":"d"}]}]}""");

        AssertError(error, UploadFormatError.UnknownOperation, "$.transactions[1].crud[2].op", transactionIndex: 1, entryIndex: 2);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("[\"PUT\"]")]
    public void Op_that_is_not_a_string_is_refused(string op)
    {
        AssertError(Fails($$"""[{"op":{{op}},"table":"t","id":"a"}]"""), UploadFormatError.InvalidField, "$[0].op", entryIndex: 0);
    }

    [Fact]
    public void Missing_table_names_the_exact_entry()
    {
        var error = Fails("""{"batch":[{"op":"PUT","table":"t","id":"a"},{"op":"PUT","table":"t","id":"b"},{"op":"PUT","table":"t","id":"c"},{"op":"PUT","id":"d"}]}""");

        AssertError(error, UploadFormatError.MissingField, "$.batch[3].table", entryIndex: 3);
    }

    [Theory]
    [InlineData("table", "\"\"")]
    [InlineData("type", "\"\"")]
    [InlineData("type", "5")]
    [InlineData("table", "{}")]
    public void Empty_or_non_text_table_is_refused(string field, string value)
    {
        var error = Fails($$"""[{"op":"PUT","{{field}}":{{value}},"id":"a"}]""");

        AssertError(error, UploadFormatError.InvalidField, "$[0]." + field, entryIndex: 0);
    }

    [Theory]
    [InlineData("""[{"op":"PUT","table":"t"}]""")]
    [InlineData("""[{"op":"PUT","table":"t","id":null}]""")]
    [InlineData("""[{"op":"PUT","table":"t","data":{"x":1}}]""")]
    public void Missing_id_is_refused(string json)
    {
        AssertError(Fails(json), UploadFormatError.MissingField, "$[0].id", entryIndex: 0);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[\"a\"]")]
    public void Empty_or_unusable_id_is_refused(string id)
    {
        AssertError(Fails($$"""[{"op":"PUT","table":"t","id":{{id}}}]"""), UploadFormatError.InvalidField, "$[0].id", entryIndex: 0);
    }

    [Theory]
    [InlineData("\"x\"")]
    [InlineData("[]")]
    [InlineData("[{\"x\":1}]")]
    [InlineData("42")]
    [InlineData("true")]
    public void Data_that_is_not_an_object_is_refused(string data)
    {
        var error = Fails($$"""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a","op_data":{{data}}}]}]}""");

        AssertError(error, UploadFormatError.InvalidField, "$.transactions[0].crud[0].op_data", transactionIndex: 0, entryIndex: 0);
    }

    [Theory]
    [InlineData("old", "\"x\"")]
    [InlineData("previous_values", "[]")]
    [InlineData("previousValues", "1")]
    public void Old_that_is_not_an_object_is_refused(string field, string old)
    {
        var error = Fails($$"""{"batch":[{"op":"PUT","table":"t","id":"a"},{"op":"PATCH","table":"t","id":"a","{{field}}":{{old}}}]}""");

        AssertError(error, UploadFormatError.InvalidField, "$.batch[1]." + field, entryIndex: 1);
    }

    [Theory]
    [InlineData("op_id", "\"abc\"")]
    [InlineData("op_id", "\"-1\"")]
    [InlineData("op_id", "1.5")]
    [InlineData("op_id", "true")]
    [InlineData("op_id", "{}")]
    [InlineData("op_id", "99999999999999999999")]
    [InlineData("client_id", "1.5")]
    [InlineData("clientId", "[1]")]
    public void Op_id_that_is_not_a_whole_number_is_refused(string field, string value)
    {
        var error = Fails($$"""[{"op":"PUT","table":"t","id":"a","{{field}}":{{value}}}]""");

        AssertError(error, UploadFormatError.InvalidField, "$[0]." + field, entryIndex: 0);
    }

    [Theory]
    [InlineData("tx_id", "\"abc\"")]
    [InlineData("transactionId", "2.5")]
    [InlineData("transaction_id", "false")]
    public void Tx_id_that_is_not_a_whole_number_is_refused(string field, string value)
    {
        var error = Fails($$"""[{"op":"PUT","table":"t","id":"a","{{field}}":{{value}}}]""");

        AssertError(error, UploadFormatError.InvalidField, "$[0]." + field, entryIndex: 0);
    }

    [Theory]
    [InlineData("transaction_id")]
    [InlineData("tx_id")]
    public void Transaction_level_id_that_is_not_a_whole_number_is_refused(string field)
    {
        var error = Fails($$"""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a"}]},{"{{field}}":"x","crud":[]}]}""");

        AssertError(error, UploadFormatError.InvalidField, "$.transactions[1]." + field, transactionIndex: 1);
    }

    [Fact]
    public void Invalid_root_field_beside_transactions_names_the_root_field()
    {
        var error = Fails("""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a"}]}],"op":5}""");

        AssertError(error, UploadFormatError.InvalidField, "$.op");
    }

    [Fact]
    public void Error_after_valid_transactions_returns_nothing()
    {
        var body = """{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a"}]},{"crud":[{"op":"PUT","table":"t","id":"b"}]},{"crud":[{"op":"PUT","table":"t","id":"c","op_data":"bad"}]}]}""";
        ParsedUpload? result = null;

        var error = Assert.Throws<UploadFormatException>(() => result = Parse(body));

        Assert.Null(result);
        Assert.Equal(2, error.TransactionIndex);
        Assert.Equal(0, error.EntryIndex);
    }

    [Fact]
    public void Path_quotes_column_names_that_are_not_identifiers()
    {
        var error = Fails("""[{"op":"PUT","table":"t","id":"a","data":{"it's a col":1e999}}]""");

        AssertError(error, UploadFormatError.InvalidField, "$[0].data['it\\'s a col']", entryIndex: 0);
    }

    [Fact]
    public void Long_unknown_op_is_truncated_in_the_reason()
    {
        var op = new string('X', 500);

        var error = Fails($$"""[{"op":"{{op}}","table":"t","id":"a"}]""");

        Assert.Equal(UploadFormatError.UnknownOperation, error.Error);
        Assert.DoesNotContain(op, error.Reason, StringComparison.Ordinal);
        Assert.Contains(op[..32], error.Reason, StringComparison.Ordinal);
    }
}
