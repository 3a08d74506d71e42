using System.Text.Json;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Wire;
using static PowerSync.Backend.Core.Tests.Wire.TestParser;

namespace PowerSync.Backend.Core.Tests.Wire;

public sealed class EntryWriterTests
{
    private static JsonElement WriteUpload(IEnumerable<CrudTransaction> transactions, string? clientId = null)
    {
        using var document = JsonDocument.Parse(CrudJsonWriter.ToUtf8Bytes(transactions, clientId));
        return document.RootElement.Clone();
    }

    private static JsonElement WriteEntry(CrudEntry entry) =>
        WriteUpload([new CrudTransaction(entry.TransactionId, [entry])]).GetProperty("transactions")[0].GetProperty("crud")[0];

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Entry_is_written_with_the_reference_field_names()
    {
        var entry = new CrudEntry(CrudOperation.Patch, "todos", "t1")
        {
            Data = Data(("done", CrudValue.FromInteger(1))),
            Previous = Data(("done", CrudValue.FromInteger(0))),
            Metadata = "m",
            OperationId = 4,
            TransactionId = 2,
        };

        var json = WriteEntry(entry);

        Assert.Equal(["id", "op", "table", "op_id", "transaction_id", "op_data", "previous_values", "metadata"], Names(json));
        Assert.Equal("PATCH", json.GetProperty("op").GetString());
        Assert.Equal(4, json.GetProperty("op_id").GetInt64());
        Assert.Equal(1, json.GetProperty("op_data").GetProperty("done").GetInt64());
    }

    [Fact]
    public void Delete_is_written_without_data_and_optional_fields_are_left_out()
    {
        var json = WriteEntry(new CrudEntry(CrudOperation.Delete, "todos", "t1"));

        Assert.Equal(["id", "op", "table"], Names(json));
        Assert.Equal("DELETE", json.GetProperty("op").GetString());
    }

    [Fact]
    public void Empty_put_is_written_with_empty_data()
    {
        var json = WriteEntry(new CrudEntry(CrudOperation.Put, "todos", "t1"));

        Assert.Equal("PUT", json.GetProperty("op").GetString());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("op_data").ValueKind);
        Assert.Empty(json.GetProperty("op_data").EnumerateObject());
    }

    [Fact]
    public void Transactions_are_written_with_ids_and_client_id()
    {
        var root = WriteUpload([new CrudTransaction(7, [new CrudEntry(CrudOperation.Delete, "t", "a") { TransactionId = 7 }]), new CrudTransaction(null, [new CrudEntry(CrudOperation.Delete, "t", "b")])], "client-1");

        Assert.Equal(["client_id", "transactions"], Names(root));
        Assert.Equal("client-1", root.GetProperty("client_id").GetString());
        Assert.Equal(["transaction_id", "crud"], Names(root.GetProperty("transactions")[0]));
        Assert.Equal(7, root.GetProperty("transactions")[0].GetProperty("transaction_id").GetInt64());
        Assert.Equal(["crud"], Names(root.GetProperty("transactions")[1]));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-3.0)]
    [InlineData(0.0)]
    [InlineData(1e20)]
    [InlineData(4503599627370496.0)]
    public void Whole_reals_stay_reals(double real)
    {
        AssertRealRoundTrips(real);
    }

    [Fact]
    public void Negative_zero_stays_a_negative_zero_real()
    {
        AssertRealRoundTrips(-0.0);
    }

    private static void AssertRealRoundTrips(double real)
    {
        var entry = new CrudEntry(CrudOperation.Put, "t", "a") { Data = Data(("r", CrudValue.FromReal(real))) };

        var parsed = Assert.Single(Parse(System.Text.Encoding.UTF8.GetString(CrudJsonWriter.ToUtf8Bytes([new CrudTransaction(null, [entry])]))).Entries());

        Assert.Equal(CrudValueKind.Real, parsed.Data["r"].Kind);
        Assert.Equal(BitConverter.DoubleToInt64Bits(real), BitConverter.DoubleToInt64Bits(parsed.Data["r"].AsReal()));
    }

    [Fact]
    public void Values_are_written_as_their_json_kinds()
    {
        var entry = new CrudEntry(CrudOperation.Put, "t", "a")
        {
            Data = Data(
                ("n", CrudValue.Null),
                ("i", CrudValue.FromInteger(long.MinValue)),
                ("r", CrudValue.FromReal(1.25)),
                ("s", CrudValue.FromText("x\"y")),
                ("b", CrudValue.FromBoolean(true)),
                ("j", CrudValue.FromJson("""{"a":[1, 2]}"""))),
        };

        var data = WriteEntry(entry).GetProperty("op_data");

        Assert.Equal(JsonValueKind.Null, data.GetProperty("n").ValueKind);
        Assert.Equal(long.MinValue, data.GetProperty("i").GetInt64());
        Assert.Equal(1.25, data.GetProperty("r").GetDouble());
        Assert.Equal("x\"y", data.GetProperty("s").GetString());
        Assert.Equal(JsonValueKind.True, data.GetProperty("b").ValueKind);
        Assert.Equal("""{"a":[1, 2]}""", data.GetProperty("j").GetRawText());
    }

    [Fact]
    public void Writers_refuse_null_arguments()
    {
        using var writer = new Utf8JsonWriter(Stream.Null);

        Assert.Throws<ArgumentNullException>(() => CrudJsonWriter.WriteEntry(writer, null!));
        Assert.Throws<ArgumentNullException>(() => CrudJsonWriter.WriteData(writer, null!));
        Assert.Throws<ArgumentNullException>(() => CrudJsonWriter.WriteTransactions(null!, []));
        Assert.Throws<ArgumentNullException>(() => CrudJsonWriter.WriteResults(writer, null!));
    }
}
