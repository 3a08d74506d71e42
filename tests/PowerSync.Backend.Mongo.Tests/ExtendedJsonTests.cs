using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Tests;

public sealed class ExtendedJsonTests
{
    [Theory]
    [InlineData(2.0, "2.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(123456789012345680000.0, "123456789012345683968.0")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(-2.5e-5, "-0.000025")]
    public void Doubles_print_as_the_bson_package_prints_them(double value, string expected) =>
        Assert.Equal(expected, JsNumber.ToCanonicalExtendedJson(value));

    [Theory]
    [InlineData("1.500", "1.500")]
    [InlineData("+005", "5")]
    [InlineData("1e3", "1E+3")]
    [InlineData("0.0000001", "1E-7")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("-0.00", "-0.00")]
    [InlineData(".5", "0.5")]
    [InlineData("12345678901234567890123456789012345", null)]
    [InlineData("1e7000", null)]
    [InlineData("1.2.3", null)]
    [InlineData("e5", null)]
    [InlineData("1e", null)]
    [InlineData("Infinity", null)]
    public void Decimal_text_is_canonicalized_or_refused(string text, string? expected) =>
        Assert.Equal(expected, Decimal128Text.TryCanonicalize(text));

    [Fact]
    public void A_reply_in_canonical_or_relaxed_form_reads_into_the_same_values()
    {
        var canonical = ExtendedJsonReader.ParseDocument("{\"n\":{\"$numberInt\":\"1\"},\"l\":{\"$numberLong\":\"5000000000\"},\"d\":{\"$numberDouble\":\"1.5\"},\"t\":{\"$date\":{\"$numberLong\":\"0\"}},\"o\":{\"$oid\":\"65A1B2C3D4E5F60718293A4B\"},\"ts\":{\"$timestamp\":{\"t\":1,\"i\":2}}}");
        var relaxed = ExtendedJsonReader.ParseDocument("{\"n\":1,\"l\":5000000000,\"d\":1.5,\"t\":{\"$date\":\"1970-01-01T00:00:00Z\"},\"o\":{\"$oid\":\"65a1b2c3d4e5f60718293a4b\"},\"ts\":{\"$timestamp\":{\"t\":1,\"i\":2}}}");

        Assert.Equal(ExtendedJsonWriter.ToCanonical(canonical), ExtendedJsonWriter.ToCanonical(relaxed));
        Assert.IsType<BsonDocument>(canonical["ts"]);
    }

    [Fact]
    public void Writing_then_reading_canonical_json_gives_the_same_document()
    {
        var document = new BsonDocument()
            .Add("a", new BsonArray([new BsonInt32(1), new BsonInt64(2), new BsonDouble(0.1), new BsonDecimal128("1.50"), BsonValue.Null]))
            .Add("b", new BsonBinary(4, Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11").ToByteArray(bigEndian: true)))
            .Add("c", new BsonDateTime(-1))
            .Add("d", new BsonString("ü\"\u0000"));

        var text = ExtendedJsonWriter.ToCanonical(document);

        Assert.Equal(text, ExtendedJsonWriter.ToCanonical(ExtendedJsonReader.ParseDocument(text)));
    }
}
