using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Mongo.Bson;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Mongo.Tests;

/// <summary>
/// MongoDB's own coercion tests (the SQL-typed conformance suite does not apply): what SQLite clients send, turned
/// into the BSON type a field declares, read back as stored (through the test double); and values that do not fit,
/// refused as <c>INVALID_DATA</c> naming entry and field before any write is sent.
/// </summary>
public sealed class MongoCoercionTests
{
    public static TheoryData<string, MongoFieldType, object, string> Accepted => new()
    {
        { "bool from 1", MongoFieldType.Boolean, 1, "{\"f\":true}" },
        { "bool from 0", MongoFieldType.Boolean, 0, "{\"f\":false}" },
        { "bool from text true", MongoFieldType.Boolean, "TRUE", "{\"f\":true}" },
        { "bool from text 0", MongoFieldType.Boolean, "0", "{\"f\":false}" },
        { "int32 from text", MongoFieldType.Int32, "-17", "{\"f\":{\"$numberInt\":\"-17\"}}" },
        { "int32 from a whole real", MongoFieldType.Int32, 42.0, "{\"f\":{\"$numberInt\":\"42\"}}" },
        { "int32 at its maximum", MongoFieldType.Int32, int.MaxValue, "{\"f\":{\"$numberInt\":\"2147483647\"}}" },
        { "int64 from a small integer", MongoFieldType.Int64, 5, "{\"f\":{\"$numberLong\":\"5\"}}" },
        { "int64 at its minimum from text", MongoFieldType.Int64, "-9223372036854775808", "{\"f\":{\"$numberLong\":\"-9223372036854775808\"}}" },
        { "double from an integer", MongoFieldType.Double, 2, "{\"f\":{\"$numberDouble\":\"2.0\"}}" },
        { "double from text", MongoFieldType.Double, "2.5", "{\"f\":{\"$numberDouble\":\"2.5\"}}" },
        { "double keeps 17 digits", MongoFieldType.Double, 0.1 + 0.2, "{\"f\":{\"$numberDouble\":\"0.30000000000000004\"}}" },
        { "decimal keeps trailing zeros", MongoFieldType.Decimal128, "1.500", "{\"f\":{\"$numberDecimal\":\"1.500\"}}" },
        { "decimal keeps 34 digits", MongoFieldType.Decimal128, "1234567890123456789012345678901.234", "{\"f\":{\"$numberDecimal\":\"1234567890123456789012345678901.234\"}}" },
        { "decimal from an exponent", MongoFieldType.Decimal128, "1e3", "{\"f\":{\"$numberDecimal\":\"1E+3\"}}" },
        { "decimal from a real", MongoFieldType.Decimal128, 1.25, "{\"f\":{\"$numberDecimal\":\"1.25\"}}" },
        { "decimal negative zero", MongoFieldType.Decimal128, "-0.00", "{\"f\":{\"$numberDecimal\":\"-0.00\"}}" },
        { "date with an offset", MongoFieldType.Date, "2025-03-01T10:00:00+02:00", "{\"f\":{\"$date\":{\"$numberLong\":\"1740816000000\"}}}" },
        { "date without an offset is UTC", MongoFieldType.Date, "2025-03-01 08:00:00", "{\"f\":{\"$date\":{\"$numberLong\":\"1740816000000\"}}}" },
        { "date alone is midnight UTC", MongoFieldType.Date, "2025-03-01", "{\"f\":{\"$date\":{\"$numberLong\":\"1740787200000\"}}}" },
        { "date truncates microseconds to milliseconds", MongoFieldType.Date, "2025-01-02T00:00:00.000999Z", "{\"f\":{\"$date\":{\"$numberLong\":\"1735776000000\"}}}" },
        { "date from epoch milliseconds", MongoFieldType.Date, 1740816000123L, "{\"f\":{\"$date\":{\"$numberLong\":\"1740816000123\"}}}" },
        { "date before 1970", MongoFieldType.Date, "1969-12-31T23:59:59.999Z", "{\"f\":{\"$date\":{\"$numberLong\":\"-1\"}}}" },
        { "document from JSON text", MongoFieldType.Document, "{\"b\":1,\"a\":[true,null,2.5]}", "{\"f\":{\"b\":{\"$numberInt\":\"1\"},\"a\":[true,null,{\"$numberDouble\":\"2.5\"}]}}" },
        { "array from JSON text", MongoFieldType.Array, "[1,\"x\",4294967296]", "{\"f\":[{\"$numberInt\":\"1\"},\"x\",{\"$numberLong\":\"4294967296\"}]}" },
        { "json takes an array", MongoFieldType.Json, "[]", "{\"f\":[]}" },
        { "string from an integer", MongoFieldType.String, 7, "{\"f\":\"7\"}" },
        { "objectId from uppercase hex", MongoFieldType.ObjectId, "65A1B2C3D4E5F60718293A4B", "{\"f\":{\"$oid\":\"65a1b2c3d4e5f60718293a4b\"}}" },
        { "uuid from text", MongoFieldType.Uuid, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{\"f\":{\"$binary\":{\"base64\":\"oO68mZwLTvi7bWu5vTgKEQ==\",\"subType\":\"04\"}}}" },
    };

    public static TheoryData<string, MongoFieldType, object> Refused => new()
    {
        { "bool from 2", MongoFieldType.Boolean, 2 },
        { "bool from yes", MongoFieldType.Boolean, "yes" },
        { "int32 overflow", MongoFieldType.Int32, 2147483648L },
        { "int32 from a fraction", MongoFieldType.Int32, 1.5 },
        { "int64 from text with a fraction", MongoFieldType.Int64, "1.0" },
        { "double from words", MongoFieldType.Double, "two" },
        { "decimal with 35 digits", MongoFieldType.Decimal128, "12345678901234567890123456789012345" },
        { "decimal from NaN", MongoFieldType.Decimal128, "NaN" },
        { "date from words", MongoFieldType.Date, "yesterday" },
        { "date from a real", MongoFieldType.Date, 1.5 },
        { "document from broken JSON", MongoFieldType.Document, "{\"a\":" },
        { "document from an array", MongoFieldType.Document, "[1]" },
        { "array from an object", MongoFieldType.Array, "{}" },
        { "document with a $ key", MongoFieldType.Document, "{\"$where\":\"1\"}" },
        { "document posing as a type wrapper", MongoFieldType.Json, "{\"a\":{\"$numberLong\":\"1\"}}" },
        { "objectId too short", MongoFieldType.ObjectId, "65a1b2" },
        { "uuid from words", MongoFieldType.Uuid, "not-a-uuid" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Values_are_coerced_to_the_declared_type(string name, MongoFieldType type, object sent, string stored)
    {
        await using var backend = Backend(c => c.Field("f", type));

        AssertSuccess(await backend.UploadAsync(Tx(1, Put("things", "x", ("f", sent)))), name);

        Assert.Equal(stored, Canonical(await OnlyDocumentAsync(backend)));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_value_that_does_not_fit_is_INVALID_DATA_naming_entry_and_field_and_nothing_is_sent(string name, MongoFieldType type, object sent)
    {
        await using var backend = Backend(c => c.Field("f", type));
        backend.Double.ClearCommands();

        var result = await backend.UploadAsync(Tx(1, Put("things", "ok", ("f", null)), Put("things", "x", ("g", 1), ("f", sent))));

        var failed = result.Results[0].FailedOperation;
        Assert.True(failed?.ErrorCode == ErrorCodes.InvalidData, $"{name}: {failed?.ErrorCode} {failed?.Message}");
        Assert.Equal(1, failed!.OperationIndex);
        Assert.Contains("entry 1, field 'f'", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(backend.Double.Commands, c => c.Name is "update" && c.CanonicalJson.Contains("\"things\"", StringComparison.Ordinal));
        Assert.Empty(await backend.FindAsync("things"));
    }

    [Theory]
    [InlineData(MongoIdType.ObjectId, "not-hex")]
    [InlineData(MongoIdType.Uuid, "1234")]
    public async Task An_id_that_does_not_fit_the_id_type_is_INVALID_DATA(MongoIdType idType, string id)
    {
        await using var backend = Backend(c => c.IdType = idType);

        var result = await backend.UploadAsync(Tx(1, Put("things", id, ("a", 1))));

        Assert.Equal((ErrorCodes.InvalidData, 0), (result.Results[0].FailedOperation?.ErrorCode, result.Results[0].FailedOperation?.OperationIndex));
    }

    [Fact]
    public async Task Fields_without_a_schema_are_kept_as_sent()
    {
        await using var backend = Backend(_ => { });

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(
            "things",
            "x",
            ("small", 1),
            ("big", 4294967296L),
            ("real", 0.5),
            ("text", "1"),
            ("flag", true),
            ("nested", Json("{\"a\":{\"b\":[1]}}")),
            ("jsonText", "{\"a\":1}"),
            ("nothing", null)))));

        Assert.Equal(
            "{\"small\":{\"$numberInt\":\"1\"},\"big\":{\"$numberLong\":\"4294967296\"},\"real\":{\"$numberDouble\":\"0.5\"},\"text\":\"1\",\"flag\":true,"
            + "\"nested\":{\"a\":{\"b\":[{\"$numberInt\":\"1\"}]}},\"jsonText\":\"{\\\"a\\\":1}\",\"nothing\":null}",
            Canonical(await OnlyDocumentAsync(backend)));
    }

    [Fact]
    public async Task A_default_is_set_on_insert_only_and_coerced_to_its_type()
    {
        await using var backend = Backend(c => c.Field("status", MongoFieldType.String, CrudValue.FromText("open")).Field("rank", MongoFieldType.Int64, CrudValue.FromText("3")));

        AssertSuccess(await backend.UploadAsync(Tx(1, Put("things", "x", ("status", "done")))));
        AssertSuccess(await backend.UploadAsync(Tx(2, Put("things", "x", ("a", 1)))));

        Assert.Equal("{\"status\":\"done\",\"rank\":{\"$numberLong\":\"3\"},\"a\":{\"$numberInt\":\"1\"}}", Canonical(await OnlyDocumentAsync(backend)));
    }

    private static MongoTestBackend Backend(Action<MongoCollectionOptions> collection) =>
        new(o => o.Collection("things", collection));

    private static async Task<BsonDocument> OnlyDocumentAsync(MongoTestBackend backend) => Assert.Single(await backend.FindAsync("things"));

    private static string Canonical(BsonDocument document)
    {
        document.Remove("_id");
        return ExtendedJsonWriter.ToCanonical(document);
    }

    private static void AssertSuccess(UploadResult result, string? name = null) =>
        Assert.True(result.Results.All(r => r.Status == TransactionStatus.Success), $"{name}: {result.Results[0].FailedOperation?.ErrorCode} {result.Results[0].FailedOperation?.Message}");
}
