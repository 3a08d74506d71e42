using System.Text;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Wire;

namespace PowerSync.Backend.Core.Tests.Wire;

/// <summary>Real upload-queue entries written by <c>@powersync/node</c> (see <c>Corpus/README.md</c>).</summary>
public sealed class CorpusTests
{
    private const string ListId = "b0000000-0000-4000-8000-000000000001";
    private const string OwnerId = "a0000000-0000-4000-8000-000000000001";
    private const string Todo1 = "c0000000-0000-4000-8000-000000000001";
    private const string Todo2 = "c0000000-0000-4000-8000-000000000002";
    private const string Description = "Café \"crème\" — l'œuf 🥚 日本語 \\ back\\slash";
    private const string JsonAttributes = """{"tags":["dairy","fresh"],"priority":2,"nested":{"ok":true}}""";

    private static readonly CrudUploadParser Parser = new(new UploadLimits());

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", name));

    private static ParsedUpload ParseCorpus(string name) => Parser.Parse(Read(name));

    private static List<CrudEntry> NodeEntries() => ParseCorpus("node-entries.json").Entries();

    private static CrudValue Text(string value) => CrudValue.FromText(value);

    private static CrudValue Integer(long value) => CrudValue.FromInteger(value);

    [Fact]
    public void Node_entries_are_11_entries_in_6_transactions_with_ids_1_to_6()
    {
        var upload = ParseCorpus("node-entries.json");

        Assert.Equal(RequestShape.EntryArray, upload.Shape);
        Assert.Equal(11, upload.EntryCount);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], upload.Transactions.Select(t => t.TransactionId));
        Assert.Equal([3, 1, 1, 1, 1, 4], upload.Transactions.Select(t => t.Entries.Count));
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long?)i), upload.Entries().Select(e => e.OperationId));
        Assert.All(upload.Transactions, t => Assert.All(t.Entries, e => Assert.Equal(t.TransactionId, e.TransactionId)));
    }

    [Fact]
    public void First_entry_is_a_put_of_a_list_with_its_columns()
    {
        var entry = NodeEntries()[0];

        Assert.Equal(
            new CrudEntry(CrudOperation.Put, "lists", ListId)
            {
                OperationId = 1,
                TransactionId = 1,
                Data = TestParser.Data(("created_at", Text("2024-05-01T10:00:00.000Z")), ("name", Text("Groceries")), ("owner_id", Text(OwnerId))),
            },
            entry);
        Assert.Equal(["created_at", "name", "owner_id"], entry.Data.Keys);
    }

    [Fact]
    public void Put_with_metadata_keeps_every_value_kind_as_sent()
    {
        var entry = NodeEntries()[1];

        Assert.Equal(CrudOperation.Put, entry.Operation);
        Assert.Equal(Todo1, entry.Id);
        Assert.Equal("""{"device":"node-corpus","reason":"created"}""", entry.Metadata);
        Assert.Null(entry.Previous);
        Assert.Equal(9, entry.Data.Count);
        Assert.Equal(Integer(0), entry.Data["completed"]);
        Assert.Equal(Text(Description), entry.Data["description"]);
        Assert.Equal(CrudValueKind.Real, entry.Data["estimate_hours"].Kind);
        Assert.Equal(1.25, entry.Data["estimate_hours"].AsReal());
        Assert.Equal(CrudValueKind.Text, entry.Data["json_attributes"].Kind);
        Assert.Equal(JsonAttributes, entry.Data["json_attributes"].AsText());
        Assert.Equal(CrudValueKind.Integer, entry.Data["revision"].Kind);
        Assert.Equal(1234567890123L, entry.Data["revision"].AsInteger());
        Assert.Equal(Text("photo-0001"), entry.Data["photo_id"]);
    }

    [Fact]
    public void Patch_keeps_a_null_column_and_the_whole_old_row()
    {
        var entry = NodeEntries()[3];

        Assert.Equal(CrudOperation.Patch, entry.Operation);
        Assert.Equal(4, entry.OperationId);
        Assert.Equal(2, entry.TransactionId);
        Assert.Equal("completed-on-phone", entry.Metadata);
        Assert.Equal(
            TestParser.Data(("completed", Integer(1)), ("completed_at", Text("2024-05-01T11:00:00.000Z")), ("completed_by", Text(OwnerId)), ("photo_id", CrudValue.Null)),
            entry.Data);
        var old = Assert.IsType<CrudData>(entry.Previous);
        Assert.Equal(11, old.Count);
        Assert.Equal(Text("photo-0001"), old["photo_id"]);
        Assert.True(old["completed_at"].IsNull);
        Assert.Equal(Text(Description), old["description"]);
        Assert.Equal(CrudValue.FromReal(1.25), old["estimate_hours"]);
        Assert.Equal(Integer(1234567890123), old["revision"]);
    }

    [Fact]
    public void Empty_patch_has_empty_data_and_previous_values()
    {
        var entry = Assert.Single(NodeEntries(), e => e.OperationId == 5);

        Assert.Equal(CrudOperation.Patch, entry.Operation);
        Assert.Same(CrudData.Empty, entry.Data);
        var old = Assert.IsType<CrudData>(entry.Previous);
        Assert.Equal(11, old.Count);
        Assert.Equal(Text("Bread"), old["description"]);
    }

    [Fact]
    public void Numbers_keep_their_kind_up_to_the_largest_safe_integer()
    {
        var entry = Assert.Single(NodeEntries(), e => e.OperationId == 6);

        Assert.Equal(TestParser.Data(("estimate_hours", CrudValue.FromReal(0.1)), ("revision", Integer(9007199254740991))), entry.Data);
    }

    [Fact]
    public void Delete_has_empty_data_and_previous_values()
    {
        var entries = NodeEntries();
        var delete = Assert.Single(entries, e => e.OperationId == 7);
        var deleteWithMetadata = Assert.Single(entries, e => e.OperationId == 11);

        Assert.Equal(CrudOperation.Delete, delete.Operation);
        Assert.Equal(Todo2, delete.Id);
        Assert.Same(CrudData.Empty, delete.Data);
        Assert.Equal(Integer(9007199254740991), Assert.IsType<CrudData>(delete.Previous)["revision"]);
        Assert.Null(delete.Metadata);
        Assert.Equal(CrudOperation.Delete, deleteWithMetadata.Operation);
        Assert.Same(CrudData.Empty, deleteWithMetadata.Data);
        Assert.Equal(Text("Eggs"), Assert.IsType<CrudData>(deleteWithMetadata.Previous)["description"]);
        Assert.Equal("deleted-by-user", deleteWithMetadata.Metadata);
    }

    [Fact]
    public void Last_transaction_holds_four_entries_in_queue_order()
    {
        var transaction = ParseCorpus("node-entries.json").Transactions[5];

        Assert.Equal([CrudOperation.Patch, CrudOperation.Put, CrudOperation.Put, CrudOperation.Delete], transaction.Entries.Select(e => e.Operation));
        Assert.Equal(Text("Courses 🛒 \"semaine\""), transaction.Entries[0].Data["name"]);
        Assert.Null(transaction.Entries[0].Previous);
        Assert.Equal(11, transaction.LastOperationId);

        // SQLite REAL 3.0 is written by JSON.stringify as 3.
        Assert.Equal(Integer(3), transaction.Entries[1].Data["estimate_hours"]);
    }

    [Fact]
    public void Unicode_quotes_and_backslashes_round_trip_exactly()
    {
        var upload = ParseCorpus("node-entries.json");

        var again = Parser.Parse(CrudJsonWriter.ToUtf8Bytes(upload.Transactions));

        Assert.Equal(Description, again.Entries()[1].Data["description"].AsText());
        Assert.Equal(Description, again.Entries()[3].Previous!["description"].AsText());
        Assert.Equal(upload.Transactions, again.Transactions);
    }

    [Fact]
    public void Description_bytes_are_the_ones_the_client_wrote()
    {
        var raw = Encoding.UTF8.GetString(Read("node-entries.json"));

        Assert.Contains("""Café \"crème\" — l'œuf 🥚 日本語 \\ back\\slash""", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_corpus_parses_to_the_node_entries_without_op_ids()
    {
        var node = ParseCorpus("node-entries.json");

        var reference = ParseCorpus("reference-transactions.json");

        Assert.Equal(RequestShape.Transactions, reference.Shape);
        Assert.Equal(node.Transactions.Select(t => t.TransactionId), reference.Transactions.Select(t => t.TransactionId));
        Assert.Equal(node.Transactions.Select(t => t.Entries.Count), reference.Transactions.Select(t => t.Entries.Count));
        Assert.Equal(node.Entries().Select(e => e with { OperationId = null }), reference.Entries());
    }

    [Fact]
    public void Classic_batch_corpus_parses_to_the_node_entries_it_carries()
    {
        var node = NodeEntries();

        var classic = ParseCorpus("classic-batch.json");

        Assert.Equal(RequestShape.Batch, classic.Shape);
        var transaction = Assert.Single(classic.Transactions);
        Assert.Null(transaction.TransactionId);
        Assert.Equal(
            node.Select(e => new CrudEntry(e.Operation, e.Table, e.Id) { Data = e.Data }),
            transaction.Entries);
    }

    [Fact]
    public void Client_id_from_the_corpus_is_captured()
    {
        var clientId = Encoding.UTF8.GetString(Read("client-id.txt")).Trim();
        Assert.True(Guid.TryParse(clientId, out _));
        var body = "{\"client_id\":\"" + clientId + "\"," + Encoding.UTF8.GetString(Read("reference-transactions.json")).TrimStart()[1..];

        var upload = Parser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal(clientId, upload.ClientId);
        Assert.Equal(clientId, upload.ToUpload("user").ClientId);
        Assert.Equal(ParseCorpus("reference-transactions.json").Transactions, upload.Transactions);
    }

    [Fact]
    public async Task Corpus_reads_the_same_from_a_stream()
    {
        await using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Corpus", "node-entries.json"));

        var upload = await Parser.ParseAsync(stream);

        Assert.Equal(ParseCorpus("node-entries.json").Transactions, upload.Transactions);
    }
}
