using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Wire;
using static PowerSync.Backend.Core.Tests.Wire.TestParser;

namespace PowerSync.Backend.Core.Tests.Wire;

public sealed class ColumnValueTests
{
    private static CrudValue ValueOf(string json) =>
        SingleEntry($$$"""[{"op":"PUT","table":"t","id":"a","data":{"v":{{{json}}}}}]""").Data["v"];

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-42", -42L)]
    [InlineData("1234567890123", 1234567890123L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Whole_numbers_are_integers(string json, long expected)
    {
        var value = ValueOf(json);

        Assert.Equal(CrudValueKind.Integer, value.Kind);
        Assert.Equal(expected, value.AsInteger());
    }

    [Theory]
    [InlineData("1.25", 1.25)]
    [InlineData("-0.1", -0.1)]
    [InlineData("1.0", 1.0)]
    [InlineData("1e2", 100.0)]
    [InlineData("2.5E-3", 0.0025)]
    [InlineData("9223372036854775808", 9223372036854775808.0)]
    public void Fractions_exponents_and_numbers_past_64_bits_are_reals(string json, double expected)
    {
        var value = ValueOf(json);

        Assert.Equal(CrudValueKind.Real, value.Kind);
        Assert.Equal(expected, value.AsReal());
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void Numbers_past_the_double_range_are_refused(string json)
    {
        var error = Fails($$$"""{"batch":[{"op":"PUT","table":"t","id":"a","data":{"big":{{{json}}}}}]}""");

        Assert.Equal(UploadFormatError.InvalidField, error.Error);
        Assert.Equal("$.batch[0].data.big", error.Path);
    }

    [Theory]
    [InlineData("\"\"", "")]
    [InlineData("\"plain\"", "plain")]
    [InlineData("\"q\\\"uote\\\\back\\/slash\"", "q\"uote\\back/slash")]
    [InlineData("\"line\\nbreak\\ttab\\u0000nul\"", "line\nbreak\ttab\0nul")]
    [InlineData("\"caf\\u00e9 \\ud83e\\udd5a\"", "café 🥚")]
    [InlineData("\"日本語 🛒\"", "日本語 🛒")]
    [InlineData("\"1\"", "1")]
    public void Strings_are_text_with_escapes_decoded(string json, string expected)
    {
        var value = ValueOf(json);

        Assert.Equal(CrudValueKind.Text, value.Kind);
        Assert.Equal(expected, value.AsText());
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Json_booleans_are_booleans(string json, bool expected)
    {
        var value = ValueOf(json);

        Assert.Equal(CrudValueKind.Boolean, value.Kind);
        Assert.Equal(expected, value.AsBoolean());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("""{"a":[1,{"b":null}],"c":"\"x\""}""")]
    [InlineData("""[1, "two", {"three" : 3.0}, [true, false]]""")]
    [InlineData("""{ "spaced" : [ 1 , 2 ] }""")]
    public void Nested_objects_and_arrays_are_kept_as_raw_json_text(string json)
    {
        var value = ValueOf(json);

        Assert.Equal(CrudValueKind.Json, value.Kind);
        Assert.Equal(json, value.AsJson());
    }

    [Fact]
    public void Json_text_sent_as_a_string_stays_text()
    {
        var value = ValueOf("""
            "{\"tags\":[\"a\"]}"
            """);

        Assert.Equal(CrudValueKind.Text, value.Kind);
        Assert.Equal("""{"tags":["a"]}""", value.AsText());
    }

    [Fact]
    public void Null_is_Null()
    {
        Assert.True(ValueOf("null").IsNull);
    }

    [Fact]
    public void Repeated_column_keeps_its_last_value_at_its_first_position()
    {
        var entry = SingleEntry("""[{"op":"PUT","table":"t","id":"a","data":{"a":1,"b":2,"a":3}}]""");

        Assert.Equal(["a", "b"], entry.Data.Keys);
        Assert.Equal(CrudValue.FromInteger(3), entry.Data["a"]);
    }

    [Fact]
    public void Columns_keep_the_order_the_client_sent()
    {
        var entry = SingleEntry("""[{"op":"PUT","table":"t","id":"a","data":{"z":1,"a":2,"M":3,"m":4}}]""");

        Assert.Equal(["z", "a", "M", "m"], entry.Data.Keys);
    }

    [Fact]
    public void Column_names_with_escapes_are_decoded()
    {
        var entry = SingleEntry("""[{"op":"PUT","table":"t\"q","id":"a","data":{"we\"ird col":1,"caf\u00e9":2}}]""");

        Assert.Equal("t\"q", entry.Table);
        Assert.Equal(["we\"ird col", "café"], entry.Data.Keys);
    }
}
