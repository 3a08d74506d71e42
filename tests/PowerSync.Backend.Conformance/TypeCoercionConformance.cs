using System.Globalization;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;
using static PowerSync.Backend.Conformance.ConformanceSchema;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Conformance;

/// <summary>
/// Coercion of what SQLite clients send (0/1 booleans, JSON as text, ISO text timestamps, everything as text
/// from some SDKs) to each column type, read back in <see cref="ConformanceValues"/>' canonical form; and values
/// that do not fit, refused as <c>INVALID_DATA</c> naming their entry, with nothing applied.
/// </summary>
public abstract class TypeCoercionConformance : ConformanceSuite
{
    private static readonly long March1st8Utc = DateTimeOffset.Parse("2025-03-01T08:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private static readonly Dictionary<string, (string Column, CrudValue Sent, CrudValue Stored)> Accepted = new(StringComparer.Ordinal)
    {
        ["bool from 1"] = (Typed.Bool, Value(1), Value(true)),
        ["bool from 0"] = (Typed.Bool, Value(0), Value(false)),
        ["bool from JSON true"] = (Typed.Bool, Value(true), Value(true)),
        ["bool from text 1"] = (Typed.Bool, Value("1"), Value(true)),
        ["bool from text false"] = (Typed.Bool, Value("false"), Value(false)),
        ["int from integer"] = (Typed.Int, Value(42), Value(42)),
        ["int from text"] = (Typed.Int, Value("-17"), Value(-17)),
        ["int from whole real"] = (Typed.Int, Value(42.0), Value(42)),
        ["int at its maximum"] = (Typed.Int, Value(int.MaxValue), Value(int.MaxValue)),
        ["bigint at its maximum"] = (Typed.BigInt, Value(long.MaxValue), Value(long.MaxValue)),
        ["bigint from text at its minimum"] = (Typed.BigInt, Value("-9223372036854775808"), Value(long.MinValue)),
        ["numeric from text keeps every digit"] = (Typed.Numeric, Value("123456789.123"), Value("123456789.123")),
        ["numeric canonical without trailing zeros"] = (Typed.Numeric, Value("1.500"), Value("1.5")),
        ["numeric from integer"] = (Typed.Numeric, Value(5), Value("5")),
        ["numeric from real"] = (Typed.Numeric, Value(1.25), Value("1.25")),
        ["numeric negative"] = (Typed.Numeric, Value("-0.125"), Value("-0.125")),
        ["numeric rounds to its scale"] = (Typed.Numeric, Value("2.0005"), Value("2.001")),
        ["double from real"] = (Typed.Double, Value(3.25), Value(3.25)),
        ["double from integer"] = (Typed.Double, Value(2), Value(2.0)),
        ["double from text"] = (Typed.Double, Value("2.5"), Value(2.5)),
        ["uuid from uppercase text"] = (Typed.Uuid, Value("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"), Value("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
        ["timestamptz with an offset"] = (Typed.TimestampTz, Value("2025-03-01T10:00:00+02:00"), Value("2025-03-01T08:00:00Z")),
        ["timestamptz without an offset is UTC"] = (Typed.TimestampTz, Value("2025-03-01 08:00:00"), Value("2025-03-01T08:00:00Z")),
        ["timestamptz keeps microseconds"] = (Typed.TimestampTz, Value("2025-03-01T08:00:00.123456Z"), Value("2025-03-01T08:00:00.123456Z")),
        ["timestamptz from epoch milliseconds"] = (Typed.TimestampTz, Value(March1st8Utc), Value("2025-03-01T08:00:00Z")),
        ["timestamp with an offset stores UTC"] = (Typed.Timestamp, Value("2025-03-01T10:00:00+02:00"), Value("2025-03-01T08:00:00Z")),
        ["timestamp with a fraction"] = (Typed.Timestamp, Value("2025-03-01T08:00:00.5"), Value("2025-03-01T08:00:00.5Z")),
        ["date"] = (Typed.Date, Value("2025-03-01"), Value("2025-03-01")),
        ["date from a timestamp keeps the written date"] = (Typed.Date, Value("2025-03-01T23:30:00+05:00"), Value("2025-03-01")),
        ["time"] = (Typed.Time, Value("13:45:10"), Value("13:45:10")),
        ["time with a fraction"] = (Typed.Time, Value("13:45:10.25"), Value("13:45:10.25")),
        ["json from text"] = (Typed.Json, Value("{\"b\":1,\"a\":[1,2]}"), ConformanceValues.Json("{\"a\":[1,2],\"b\":1}")),
        ["json from a nested object"] = (Typed.Json, Json("{\"a\":{\"b\":true,\"c\":\"ü\\\"\"}}"), ConformanceValues.Json("{\"a\":{\"b\":true,\"c\":\"ü\\\"\"}}")),
        ["int array from a JSON array"] = (Typed.IntArray, Json("[1,2,3]"), Value("[1,2,3]")),
        ["int array from text with a null"] = (Typed.IntArray, Value("[1,null,3]"), Value("[1,null,3]")),
        ["int array empty"] = (Typed.IntArray, Value("[]"), Value("[]")),
        ["text array with quotes, commas, braces and NULL text"] = (
            Typed.TextArray,
            Json("[\"a\",\"b \\\"q\\\"\",\"c,d\",\"{e}\",\"NULL\",\"back\\\\slash\",\"表\"]"),
            ConformanceValues.Json("[\"a\",\"b \\\"q\\\"\",\"c,d\",\"{e}\",\"NULL\",\"back\\\\slash\",\"表\"]")),
        ["enum label"] = (Typed.Enum, Value("sad"), Value("sad")),
        ["bytes from base64"] = (Typed.Bytes, Value("AAEC/w=="), Value("AAEC/w==")),
        ["varchar at its limit"] = (Typed.Varchar, Value("abcde"), Value("abcde")),
        ["varchar counts characters, not bytes"] = (Typed.Varchar, Value("éü😀表ß"), Value("éü😀表ß")),
        ["text from integer"] = (Typed.Text, Value(42), Value("42")),
        ["text with quotes and SQL"] = (Typed.Text, Value("it's \"quoted\"; DROP TABLE lists; -- 表"), Value("it's \"quoted\"; DROP TABLE lists; -- 表")),
        ["text empty"] = (Typed.Text, Value(string.Empty), Value(string.Empty)),
    };

    private static readonly Dictionary<string, (string Column, CrudValue Sent)> Refused = new(StringComparer.Ordinal)
    {
        ["bool from 2"] = (Typed.Bool, Value(2)),
        ["bool from a word"] = (Typed.Bool, Value("maybe")),
        ["int from a fraction"] = (Typed.Int, Value(1.5)),
        ["int overflow"] = (Typed.Int, Value(2147483648L)),
        ["int from non-numeric text"] = (Typed.Int, Value("4x2")),
        ["bigint overflow from text"] = (Typed.BigInt, Value("9223372036854775808")),
        ["numeric from a word"] = (Typed.Numeric, Value("abc")),
        ["numeric beyond its precision"] = (Typed.Numeric, Value("1234567890123")),
        ["double from a word"] = (Typed.Double, Value("x")),
        ["uuid malformed"] = (Typed.Uuid, Value("not-a-uuid")),
        ["uuid from an integer"] = (Typed.Uuid, Value(5)),
        ["timestamptz malformed"] = (Typed.TimestampTz, Value("yesterday")),
        ["timestamptz on an impossible date"] = (Typed.TimestampTz, Value("2025-02-30T10:00:00Z")),
        ["timestamp on an impossible date"] = (Typed.Timestamp, Value("2025-02-30T10:00:00")),
        ["timestamptz from a real"] = (Typed.TimestampTz, Value(1.5)),
        ["date impossible"] = (Typed.Date, Value("2025-02-30")),
        ["time out of range"] = (Typed.Time, Value("25:00")),
        ["json malformed"] = (Typed.Json, Value("{not json")),
        ["int array in database literal syntax"] = (Typed.IntArray, Value("{1,2}")),
        ["int array with a text element"] = (Typed.IntArray, Value("[1,\"x\"]")),
        ["int array nested"] = (Typed.IntArray, Json("[[1],[2]]")),
        ["enum unknown label"] = (Typed.Enum, Value("angry")),
        ["bytes not base64"] = (Typed.Bytes, Value("not base64!")),
        ["varchar too long"] = (Typed.Varchar, Value("abcdef")),
        ["text with a NUL character"] = (Typed.Text, Value("a\0b")),
    };

    /// <summary>Creates the suite.</summary>
    /// <param name="database">The provider's database.</param>
    protected TypeCoercionConformance(ConformanceDatabase database)
        : base(database)
    {
    }

    public static TheoryData<string> AcceptedCases => Names(Accepted.Keys);

    public static TheoryData<string> RefusedCases => Names(Refused.Keys);

    [Theory]
    [MemberData(nameof(AcceptedCases))]
    public async Task A_value_is_coerced_to_its_column_type(string name)
    {
        var (column, sent, stored) = Accepted[name];
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(TypedTable, "t1", (Typed.Required, "r"), (column, sent)))));

        await AssertRowAsync(TypedTable, "t1", (column, stored));
    }

    [Theory]
    [MemberData(nameof(AcceptedCases))]
    public async Task A_patch_coerces_like_a_put(string name)
    {
        var (column, sent, stored) = Accepted[name];
        var backend = Start();
        AssertSuccess(await backend.UploadAsync(Tx(1, Put(TypedTable, "t1", (Typed.Required, "r")))));

        AssertSuccess(await backend.UploadAsync(Tx(2, Patch(TypedTable, "t1", (column, sent)))));

        await AssertRowAsync(TypedTable, "t1", (column, stored));
    }

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public async Task A_value_that_does_not_fit_is_refused_as_INVALID_DATA_at_its_entry_and_nothing_is_applied(string name)
    {
        var (column, sent) = Refused[name];
        var backend = Start();

        var result = await backend.UploadAsync(Tx(
            1,
            Put(Lists, "l1", ("name", "n")),
            Put(TypedTable, "ok", (Typed.Required, "r")),
            Put(TypedTable, "bad", (Typed.Required, "r"), (column, sent)),
            Put(TypedTable, "after", (Typed.Required, "r"))));

        AssertRefused(result, ErrorCodes.InvalidData, 2);
        await AssertEmptyAsync();
        var letter = Assert.Single(await DeadLettersAsync());
        Assert.Equal((ErrorCodes.InvalidData, 2, 4), (letter.ErrorCode, letter.OperationIndex, letter.EntryCount));
    }

    [Fact]
    public async Task Sending_every_value_as_text_stores_the_same_row_as_typed_values()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(
            1,
            Put(TypedTable, "typed", (Typed.Required, "r"), (Typed.Bool, 1), (Typed.Int, 7), (Typed.BigInt, 8L), (Typed.Double, 0.5), (Typed.Numeric, 2.5)),
            Put(TypedTable, "text", (Typed.Required, "r"), (Typed.Bool, "1"), (Typed.Int, "7"), (Typed.BigInt, "8"), (Typed.Double, "0.5"), (Typed.Numeric, "2.5")))));

        Assert.Equal(await RowAsync(TypedTable, "typed"), await RowAsync(TypedTable, "text"));
    }

    [Fact]
    public async Task A_row_with_every_type_reads_back_whole_and_normalized()
    {
        var backend = Start();

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(
            TypedTable,
            "t1",
            (Typed.Bool, 1),
            (Typed.Int, "12"),
            (Typed.BigInt, 1L << 40),
            (Typed.Numeric, "3.140"),
            (Typed.Double, 1.5),
            (Typed.Uuid, "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"),
            (Typed.TimestampTz, "2025-03-01T10:00:00+02:00"),
            (Typed.Timestamp, "2025-03-01T08:00:00"),
            (Typed.Date, "2025-03-01"),
            (Typed.Time, "08:30:00"),
            (Typed.Json, "{\"k\": [true, null]}"),
            (Typed.IntArray, "[1,2]"),
            (Typed.TextArray, Json("[\"x\"]")),
            (Typed.Enum, "meh"),
            (Typed.Bytes, "3q2+7w=="),
            (Typed.Varchar, "short"),
            (Typed.Text, "text"),
            (Typed.Required, "r")))));

        var expected = Data(
            (Typed.Bool, true),
            (Typed.Int, 12),
            (Typed.BigInt, 1L << 40),
            (Typed.Numeric, "3.14"),
            (Typed.Double, 1.5),
            (Typed.Uuid, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            (Typed.TimestampTz, "2025-03-01T08:00:00Z"),
            (Typed.Timestamp, "2025-03-01T08:00:00Z"),
            (Typed.Date, "2025-03-01"),
            (Typed.Time, "08:30:00"),
            (Typed.Json, "{\"k\":[true,null]}"),
            (Typed.IntArray, "[1,2]"),
            (Typed.TextArray, "[\"x\"]"),
            (Typed.Enum, "meh"),
            (Typed.Bytes, "3q2+7w=="),
            (Typed.Varchar, "short"),
            (Typed.Text, "text"),
            (Typed.WithDefault, DefaultText),
            (Typed.Required, "r"));
        Assert.Equal(expected, await RowAsync(TypedTable, "t1"));
    }

    [Fact]
    public async Task Null_is_accepted_by_every_nullable_type()
    {
        var backend = Start();
        string[] nullable = [Typed.Bool, Typed.Int, Typed.BigInt, Typed.Numeric, Typed.Double, Typed.Uuid, Typed.TimestampTz, Typed.Timestamp, Typed.Date, Typed.Time, Typed.Json, Typed.IntArray, Typed.TextArray, Typed.Enum, Typed.Bytes, Typed.Varchar, Typed.Text, Typed.WithDefault];

        AssertSuccess(await backend.UploadAsync(Tx(1, Put(TypedTable, "t1", [(Typed.Required, "r"), .. nullable.Select(c => (c, (object?)null))]))));

        var row = await AssertRowAsync(TypedTable, "t1", (Typed.Required, "r"));
        Assert.All(nullable, column => Assert.True(row[column].IsNull, column));
    }

    private static TheoryData<string> Names(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }

        return data;
    }
}
