using PowerSync.Backend.Core.Wire;
using static PowerSync.Backend.Core.Tests.Wire.TestParser;

namespace PowerSync.Backend.Core.Tests.Wire;

public sealed class MalformedJsonTests
{
    private const string ValidReference = """{"transactions":[{"transaction_id":1,"crud":[{"op":"PUT","table":"t","id":"a","op_data":{"x":[1,{"y":"z"}]}}]},{"transaction_id":2,"crud":[{"op":"DELETE","table":"t","id":"b"}]}]}""";

    [Fact]
    public void Every_truncation_of_a_valid_body_is_malformed_json()
    {
        Assert.NotEmpty(Parse(ValidReference).Transactions);
        for (var length = 1; length < ValidReference.Length; length++)
        {
            var error = Fails(ValidReference[..length]);

            Assert.True(error.Error == UploadFormatError.MalformedJson, $"cut at {length}: {error.Error} {error.Message}");
        }
    }

    [Fact]
    public void Truncated_entry_names_the_entry()
    {
        var error = Fails("""{"batch":[{"op":"PUT","table":"t","id":"a"},{"op":"PUT","tab""");

        AssertError(error, UploadFormatError.MalformedJson, "$.batch[1]", entryIndex: 1);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Theory]
    [InlineData(ValidReference + " x")]
    [InlineData(ValidReference + "{}")]
    [InlineData(ValidReference + ",")]
    [InlineData("""[{"op":"PUT","table":"t","id":"a"}] 1""")]
    [InlineData("""{"batch":[{"op":"PUT","table":"t","id":"a"}]}]""")]
    public void Trailing_content_is_malformed_json_at_the_root(string json)
    {
        AssertError(Fails(json), UploadFormatError.MalformedJson, "$");
    }

    [Theory]
    [InlineData("""{"batch":[{"op":PUT,"table":"t","id":"a"}]}""")]
    [InlineData("""{"batch":[{'op':"PUT","table":"t","id":"a"}]}""")]
    [InlineData("""{"batch":[{"op":"PUT","table":"t","id":"a",}]}""")]
    [InlineData("""{"batch":[{"op":"PUT" /* c */,"table":"t","id":"a"}]}""")]
    [InlineData("""{"batch":[{"op":"PUT","table":"t","id":"a","data":{"x":01}}]}""")]
    [InlineData("""{"batch":[{"op":"PUT","table":"t","id":"a","data":{"x":NaN}}]}""")]
    [InlineData("{\"batch\":[{\"op\":\"PUT\",\"table\":\"t\nx\",\"id\":\"a\"}]}")]
    public void Invalid_token_inside_an_entry_is_malformed_json_naming_the_entry(string json)
    {
        AssertError(Fails(json), UploadFormatError.MalformedJson, "$.batch[0]", entryIndex: 0);
    }

    [Theory]
    [InlineData("""{"batch":[{"op":"PUT","table":"\uD800","id":"a"}]}""")]
    [InlineData("""{"batch":[{"op":"PUT","table":"t","id":"a","data":{"\uDC00x":1}}]}""")]
    public void Invalid_unicode_escape_is_malformed_json(string json)
    {
        AssertError(Fails(json), UploadFormatError.MalformedJson, "$.batch[0]", entryIndex: 0);
    }

    [Fact]
    public void Invalid_utf8_is_malformed_json()
    {
        byte[] body = [.. "{\"batch\":[{\"op\":\"PUT\",\"table\":\""u8, 0xC3, 0x28, .. "\",\"id\":\"a\"}]}"u8];

        AssertError(Fails(body), UploadFormatError.MalformedJson, "$.batch[0]", entryIndex: 0);
    }

    [Fact]
    public void Invalid_utf8_inside_a_nested_json_value_is_malformed_json()
    {
        byte[] body = [.. "[{\"op\":\"PUT\",\"table\":\"t\",\"id\":\"a\",\"data\":{\"j\":[\""u8, 0xFF, .. "\"]}}]"u8];

        AssertError(Fails(body), UploadFormatError.MalformedJson, "$[0]", entryIndex: 0);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_ignored()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. """[{"op":"PUT","table":"t","id":"a"}]"""u8];

        var upload = new CrudUploadParser(new UploadLimits()).Parse(body);

        Assert.Equal("a", Assert.Single(upload.Entries()).Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n\t ")]
    public void Empty_body_is_Empty(string json)
    {
        AssertError(Fails(json), UploadFormatError.Empty, "$");
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void Root_that_is_not_an_object_or_array_is_refused(string json)
    {
        AssertError(Fails(json), UploadFormatError.InvalidField, "$");
    }

    [Fact]
    public void Malformed_json_between_entries_names_the_transaction()
    {
        var error = Fails("""{"transactions":[{"crud":[{"op":"PUT","table":"t","id":"a"}],"x":tru}]}""");

        AssertError(error, UploadFormatError.MalformedJson, "$.transactions[0]", transactionIndex: 0);
    }
}
