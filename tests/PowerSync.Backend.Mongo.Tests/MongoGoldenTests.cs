using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Mongo.Bson;
using static PowerSync.Backend.Conformance.Crud;

namespace PowerSync.Backend.Mongo.Tests;

/// <summary>
/// The exact command documents of each scenario the conformance suites cover, as the applier sends them (through the
/// <see cref="Double.InMemoryMongoExecutorDouble"/> test double, with predictable session ids and clock). Each file
/// is also checked by MongoDB's own bson package (<see cref="MongoExtendedJsonCheckTests"/>).
/// </summary>
public sealed class MongoGoldenTests
{
    private const string Oid = "65A1B2C3D4E5F60718293A4B";
    private const string Uuid = "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11";

    [Fact]
    public Task Put_merges_with_set_and_defaults_on_insert_in_one_transaction_with_the_ledger() => GoldenAsync(
        "put_merge",
        b => b.UploadAsync(Tx(1, Put("todos", "t1", ("description", "milk"), ("completed", 1), ("due", "2025-03-01T10:00:00+02:00"), ("meta", "{\"a\":[1,2.5,\"x\"]}")))));

    [Fact]
    public Task Put_on_a_replacing_collection_sends_a_replacement_document() => GoldenAsync(
        "put_replace",
        b => b.UploadAsync(Tx(1, Put("tags", Uuid, ("weight", "2.5"), ("count", 3), ("labels", "[\"a\",\"b\"]"), ("ref", Uuid), ("note", null)))));

    [Fact]
    public Task Patch_sets_the_supplied_fields_and_stores_null() => GoldenAsync(
        "patch_set_null",
        b => b.UploadAsync(Tx(1, Patch("todos", "t1", ("description", "eggs"), ("due", null)))));

    [Fact]
    public Task Patch_unsets_null_fields_on_a_collection_configured_to() => GoldenAsync(
        "patch_unset",
        b => b.UploadAsync(Tx(1, Patch("tags", Uuid, ("weight", 1.5), ("labels", null)))));

    [Fact]
    public Task Empty_patch_sends_only_the_ledger_commands() => GoldenAsync(
        "patch_empty",
        b => b.UploadAsync(Tx(1, Patch("todos", "t1"))));

    [Fact]
    public Task Patch_that_inserts_missing_documents_upserts_with_defaults() => GoldenAsync(
        "patch_upsert",
        b => b.UploadAsync(Tx(1, Patch("todos", "t1", ("priority", "2")))),
        o => o.PatchInsertsMissingDocuments = true);

    [Fact]
    public Task Delete_sends_one_delete_statement_per_entry_with_limit_one() => GoldenAsync(
        "delete",
        b => b.UploadAsync(Tx(1, Delete("todos", "t1"), Delete("todos", "missing"))));

    [Fact]
    public Task Consecutive_entries_for_one_collection_share_one_ordered_command() => GoldenAsync(
        "runs",
        b => b.UploadAsync(Tx(
            1,
            Put("todos", "t1", ("description", "a")),
            Put("todos", "t2", ("description", "b")),
            Patch("todos", "t1", ("completed", true)),
            Delete("todos", "t2"),
            Delete("todos", "t3"),
            Put("lists", "l1", ("name", "home")),
            Put("todos", "t4", ("description", "c")))));

    [Fact]
    public Task Runs_longer_than_the_limit_are_split() => GoldenAsync(
        "runs_split",
        b => b.UploadAsync(Tx(1, Put("lists", "l1"), Put("lists", "l2"), Put("lists", "l3"))),
        o => o.MaxStatementsPerCommand = 2);

    [Fact]
    public Task ObjectId_and_uuid_ids_and_typed_fields() => GoldenAsync(
        "ids_and_types",
        b => b.UploadAsync(Tx(1, Put("items", Oid, ("owner", Oid.ToLowerInvariant()), ("price", "19.990"), ("sku", 12345678901L), ("ratio", 0.1), ("ok", true)))));

    [Fact]
    public Task Every_field_type_and_tricky_numbers() => GoldenAsync(
        "field_types",
        b => b.UploadAsync(Tx(1, Put(
            "values",
            "v1",
            ("d1", 1e21), ("d2", 5e-324), ("d3", -0.0), ("d4", 123456789012345680000.0), ("d5", double.MaxValue), ("d6", 1e-7), ("d7", 100.0), ("d8", -2.5e-5), ("d9", 1.5e300),
            ("m1", "1e3"), ("m2", "0.0000001"), ("m3", "-0"), ("m4", "1.000E-10"), ("m5", "9999999999999999999999999999999999"), ("m6", "-1234.5678e-2"),
            ("i1", int.MinValue), ("l1", long.MaxValue), ("b1", "false"), ("t1", "1969-07-20T20:17:40Z"), ("t2", "2262-04-11T23:47:16.854Z"),
            ("j1", "{\"k\":{\"deep\":[[],{}]},\"s\":\"ü表😀\\\"\\n\"}"), ("a1", "[1.0,-0.0,1e300]"),
            ("o1", Oid), ("u1", Uuid), ("s1", 3.25), ("x1", "\u0000 nul and \t tab")))),
        o => o.Collection("values", c =>
        {
            foreach (var i in Enumerable.Range(1, 9))
            {
                c.Field($"d{i}", MongoFieldType.Double);
            }

            foreach (var i in Enumerable.Range(1, 6))
            {
                c.Field($"m{i}", MongoFieldType.Decimal128);
            }

            c.Field("i1", MongoFieldType.Int32).Field("l1", MongoFieldType.Int64).Field("b1", MongoFieldType.Boolean).Field("t1", MongoFieldType.Date).Field("t2", MongoFieldType.Date)
                .Field("j1", MongoFieldType.Document).Field("a1", MongoFieldType.Array).Field("o1", MongoFieldType.ObjectId).Field("u1", MongoFieldType.Uuid).Field("s1", MongoFieldType.String);
        }));

    [Fact]
    public Task Without_a_client_id_there_is_no_ledger_and_the_first_write_starts_the_transaction() => GoldenAsync(
        "no_client_id",
        b => b.UploadAsync(Upload(null, Tx(1, Put("lists", "l1", ("name", "n"))))));

    [Fact]
    public Task A_re_sent_upload_costs_one_ledger_read() => GoldenAsync(
        "resent",
        async b =>
        {
            await b.UploadAsync(Tx(1, Put("lists", "l1", ("name", "n"))));
            b.Double.ClearCommands();
            return await b.UploadAsync(Tx(1, Put("lists", "l1", ("name", "n"))));
        });

    [Fact]
    public Task Conflict_hooks_read_the_stored_documents_in_the_transaction() => GoldenAsync(
        "conflict_rows",
        b => b.UploadAsync(Tx(1, Patch("todos", "t1", ("version", 2)), Patch("todos", "t2", ("version", 5)), Patch("items", Oid, ("version", 1)))),
        pipeline: p => p.Table("todos", t => t.UseVersionColumn("version")).Table("items", t => t.UseVersionColumn("version")));

    [Fact]
    public Task A_refused_write_aborts_and_the_dead_letter_is_written_with_the_ledger_in_a_new_transaction() => GoldenAsync(
        "dead_letter",
        b => b.UploadAsync(Tx(4, Put("lists", "l1", ("name", "ok")), Put("lists", "l2", ("name", 7)))),
        setUp: b => b.RequireStringAsync("lists", "name"),
        expect: r => Assert.Equal(ErrorCodes.DocumentValidationFailure, r.Results[0].FailedOperation?.ErrorCode));

    [Fact]
    public Task A_write_conflict_aborts_and_re_runs_the_transaction_on_the_same_session() => GoldenAsync(
        "write_conflict",
        b => b.UploadAsync(Tx(1, Put("lists", "l1", ("name", "n")))),
        setUp: b => FailAsync(b, "lists", 112, 1));

    [Fact]
    public Task A_transient_error_is_retried_by_the_pipeline_in_a_new_transaction() => GoldenAsync(
        "transient_retry",
        b => b.UploadAsync(Tx(1, Put("lists", "l1", ("name", "n")))),
        setUp: b => FailAsync(b, "lists", 251, 1));

    [Fact]
    public Task Standalone_mode_sends_no_session_fields_and_moves_the_ledger_after_the_writes() => GoldenAsync(
        "standalone",
        b => b.UploadAsync(Tx(1, Put("lists", "l1", ("name", "n")), Delete("todos", "t1"))),
        o => o.UseTransactions = false,
        standalone: true);

    [Fact]
    public Task Standalone_dead_letters_are_an_insert_and_a_ledger_upsert() => GoldenAsync(
        "standalone_dead_letter",
        b => b.UploadAsync(Tx(2, Put("lists", "l1", ("name", 1)))),
        o => o.UseTransactions = false,
        setUp: b => b.RequireStringAsync("lists", "name"),
        expect: r => Assert.Equal(ErrorCodes.DocumentValidationFailure, r.Results[0].FailedOperation?.ErrorCode),
        standalone: true);

    private static Task<BsonDocument> FailAsync(MongoTestBackend backend, string collection, int code, int times) => backend.RunAsync("admin", new BsonDocument()
        .Add("configureFailPoint", new BsonString("failCommand"))
        .Add("mode", new BsonDocument().Add("times", new BsonInt32(times)))
        .Add("data", new BsonDocument()
            .Add("failCommands", new BsonArray([new BsonString("update")]))
            .Add("namespace", new BsonString("app." + collection))
            .Add("errorCode", new BsonInt32(code))
            .Add("errorLabels", new BsonArray([new BsonString("TransientTransactionError")]))));

    private static async Task GoldenAsync(
        string name,
        Func<MongoTestBackend, Task<UploadResult>> scenario,
        Action<MongoBackendOptions>? configure = null,
        Func<MongoTestBackend, Task>? setUp = null,
        Action<UploadResult>? expect = null,
        Action<Core.DependencyInjection.PowerSyncBackendBuilder>? pipeline = null,
        bool standalone = false)
    {
        await using var backend = new MongoTestBackend(
            o =>
            {
                o.Collection("todos", c => c.Field("completed", MongoFieldType.Boolean).Field("due", MongoFieldType.Date).Field("meta", MongoFieldType.Json)
                    .Field("priority", MongoFieldType.Int32).Field("version", MongoFieldType.Int32).Field("status", MongoFieldType.String, CrudValue.FromText("open")));
                o.Collection("lists");
                o.Collection("items", c =>
                {
                    c.Name = "inventory";
                    c.IdType = MongoIdType.ObjectId;
                    c.Field("owner", MongoFieldType.ObjectId).Field("price", MongoFieldType.Decimal128).Field("version", MongoFieldType.Int32);
                });
                o.Collection("tags", c =>
                {
                    c.IdType = MongoIdType.Uuid;
                    c.PutMode = MongoPutMode.Replace;
                    c.Nulls = MongoNullHandling.Unset;
                    c.Field("weight", MongoFieldType.Double).Field("count", MongoFieldType.Int64).Field("labels", MongoFieldType.Array).Field("ref", MongoFieldType.Uuid);
                });
                configure?.Invoke(o);
            },
            pipeline,
            standalone);
        if (setUp is not null)
        {
            await setUp(backend);
        }

        backend.Double.ClearCommands();
        var result = await scenario(backend);
        if (expect is null)
        {
            Assert.All(result.Results, r => Assert.True(r.Status == TransactionStatus.Success, $"{r.Status} {r.FailedOperation?.ErrorCode} {r.Message}"));
        }
        else
        {
            expect(result);
        }

        Golden.AssertCommands(name, backend.Double.Commands);
    }
}
