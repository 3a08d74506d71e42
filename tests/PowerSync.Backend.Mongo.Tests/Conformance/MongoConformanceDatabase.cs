using PowerSync.Backend.Conformance;
using PowerSync.Backend.Core.DependencyInjection;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Mongo.Bson;
using PowerSync.Backend.Mongo.Translation;
using static PowerSync.Backend.Conformance.ConformanceSchema;

namespace PowerSync.Backend.Mongo.Tests.Conformance;

/// <summary>
/// The conformance schema as MongoDB collections, in a database of its own per test, reached through
/// <see cref="MongoTestServer.CreateExecutor"/>: the <see cref="Double.InMemoryMongoExecutorDouble"/> test double
/// unless <c>POWERSYNC_TEST_MONGO</c> names a real server. Every set-up, read and fault injection is a MongoDB
/// command, so the same class serves both.
/// </summary>
/// <remarks>
/// Mapping: <c>name</c> of <c>lists</c> and <c>c_required</c> of <c>typed</c> are NOT NULL through a
/// <c>$jsonSchema</c> validator (required, <c>bsonType: "string"</c>), MongoDB's way, which refuses with
/// <c>DOCUMENT_VALIDATION_FAILURE</c>; there are no foreign keys. Each collection declares the schema's fields
/// (<see cref="MongoUnknownFields.Reject"/>, or <see cref="MongoUnknownFields.Drop"/> with
/// <see cref="ConformanceOptions.IgnoreUnknownColumns"/>); the hostile table leaves out <c>$1::text</c>, a name
/// update operators cannot write.
/// </remarks>
public sealed class MongoConformanceDatabase : ConformanceDatabase
{
    private static readonly Dictionary<string, (string Field, MongoFieldType Type)[]> Fields = new(StringComparer.Ordinal)
    {
        [Lists] = [("name", MongoFieldType.String), ("owner_id", MongoFieldType.String), ("created_at", MongoFieldType.Date)],
        [Todos] = [("list_id", MongoFieldType.String), ("description", MongoFieldType.String), ("completed", MongoFieldType.Boolean), ("version", MongoFieldType.Int32), ("updated_at", MongoFieldType.Date)],
        [TypedTable] =
        [
            (Typed.Bool, MongoFieldType.Boolean), (Typed.Int, MongoFieldType.Int32), (Typed.BigInt, MongoFieldType.Int64), (Typed.Numeric, MongoFieldType.Decimal128),
            (Typed.Double, MongoFieldType.Double), (Typed.Uuid, MongoFieldType.Uuid), (Typed.TimestampTz, MongoFieldType.Date), (Typed.Timestamp, MongoFieldType.Date),
            (Typed.Date, MongoFieldType.Date), (Typed.Time, MongoFieldType.String), (Typed.Json, MongoFieldType.Json), (Typed.IntArray, MongoFieldType.Array),
            (Typed.TextArray, MongoFieldType.Array), (Typed.Enum, MongoFieldType.String), (Typed.Bytes, MongoFieldType.String), (Typed.Varchar, MongoFieldType.String),
            (Typed.Text, MongoFieldType.String), (Typed.WithDefault, MongoFieldType.String), (Typed.Required, MongoFieldType.String),
        ],
        [HostileTable] = [.. HostileColumns.Where(MongoNames.IsWritableField).Select(c => (c, MongoFieldType.String))],
    };

    /// <summary>Creates the database's executor (<see cref="MongoTestServer.CreateExecutor"/>).</summary>
    public MongoConformanceDatabase()
        : this(MongoTestServer.CreateExecutor())
    {
    }

    /// <summary>Uses a given executor.</summary>
    /// <param name="executor">The executor.</param>
    public MongoConformanceDatabase(IMongoCommandExecutor executor) => Executor = executor;

    /// <summary>The executor every command goes through.</summary>
    public IMongoCommandExecutor Executor { get; }

    /// <summary>This test's database.</summary>
    public string Database { get; } = "conf_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Provider-specific options applied after the neutral ones.</summary>
    public Action<MongoBackendOptions>? Configure { get; set; }

    /// <summary>The logical fields of a conformance table, in schema order.</summary>
    public static IEnumerable<string> FieldsOf(string table) => Fields[table].Select(f => f.Field);

    /// <inheritdoc />
    public override async Task CreateAsync(CancellationToken cancellationToken)
    {
        await RunAsync(Validated(Lists, "name"), cancellationToken);
        await RunAsync(Validated(TypedTable, Typed.Required), cancellationToken);
    }

    /// <inheritdoc />
    public override void UseProvider(PowerSyncBackendBuilder builder, ConformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.UseMongo(Executor, o =>
        {
            o.Database = Database;
            o.PatchInsertsMissingDocuments = options.PatchInsertsMissingRows;
            foreach (var (table, fields) in Fields)
            {
                o.Collection(table, c =>
                {
                    c.UnknownFields = options.IgnoreUnknownColumns ? MongoUnknownFields.Drop : MongoUnknownFields.Reject;
                    c.PutMode = options.ReplaceOnPut.Contains(table) ? MongoPutMode.Replace : MongoPutMode.Merge;
                    foreach (var (field, type) in fields)
                    {
                        c.Field(field, type, field == Typed.WithDefault ? CrudValue.FromText(DefaultText) : null);
                    }
                });
            }

            Configure?.Invoke(o);
        });
    }

    /// <inheritdoc />
    public override async Task<CrudData?> ReadRowAsync(string table, string id, CancellationToken cancellationToken)
    {
        var documents = await FindAsync(table, new BsonDocument().Add("_id", new BsonString(id)), cancellationToken);
        if (documents.Count == 0)
        {
            return null;
        }

        // Every schema field in order, then anything else the document holds, so that stray fields fail equality.
        var document = documents[0];
        var values = FieldsOf(table).Select(f => KeyValuePair.Create(f, document.TryGetValue(f, out var v) ? Normalize(v) : CrudValue.Null)).ToList();
        values.AddRange(document.Elements.Where(e => e.Key != "_id" && !FieldsOf(table).Contains(e.Key, StringComparer.Ordinal)).Select(e => KeyValuePair.Create(e.Key, Normalize(e.Value))));
        return CrudData.Create(values);
    }

    /// <inheritdoc />
    public override async Task<long> CountRowsAsync(string table, CancellationToken cancellationToken) =>
        (await FindAsync(table, new BsonDocument(), cancellationToken)).Count;

    /// <inheritdoc />
    public override async Task<IReadOnlyList<ConformanceDeadLetter>> ReadDeadLettersAsync(CancellationToken cancellationToken)
    {
        var documents = await FindAsync("powersync_dead_letters", new BsonDocument(), cancellationToken);
        return documents.Select(d => new ConformanceDeadLetter(
            d["user_id"] is BsonString user ? user.Value : null,
            d["client_id"] is BsonString client ? client.Value : null,
            d["transaction_id"] is BsonInt64 transaction ? transaction.Value : null,
            ((BsonString)d["error_code"]).Value,
            d["operation_index"] is BsonInt32 index ? index.Value : null,
            System.Text.Json.JsonDocument.Parse(((BsonString)d["transaction"]).Value).RootElement.GetProperty("crud").GetArrayLength())).ToList();
    }

    /// <summary>
    /// The <c>failCommand</c> fail point: the next <paramref name="times"/> <c>update</c>/<c>delete</c> commands on the
    /// collection fail with NoSuchTransaction (251) labelled <c>TransientTransactionError</c>. Each failure aborts its
    /// transaction at its first command on the collection, so <paramref name="times"/> transactions fail.
    /// </summary>
    /// <inheritdoc />
    public override Task FailNextTransactionsAsync(string table, int times, CancellationToken cancellationToken) =>
        RunAsync(
            "admin",
            new BsonDocument()
                .Add("configureFailPoint", new BsonString("failCommand"))
                .Add("mode", new BsonDocument().Add("times", new BsonInt32(times)))
                .Add("data", new BsonDocument()
                    .Add("failCommands", new BsonArray([new BsonString("update"), new BsonString("delete")]))
                    .Add("namespace", new BsonString(Database + "." + table))
                    .Add("errorCode", new BsonInt32(251))
                    .Add("errorLabels", new BsonArray([new BsonString("TransientTransactionError")]))),
            cancellationToken);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await RunAsync("admin", new BsonDocument().Add("configureFailPoint", new BsonString("failCommand")).Add("mode", new BsonString("off")), CancellationToken.None);
        await RunAsync(new BsonDocument().Add("dropDatabase", new BsonInt32(1)), CancellationToken.None);
    }

    /// <summary>Reads documents of a collection of this test's database.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="filter">The filter.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The documents, in natural order.</returns>
    internal async Task<List<BsonDocument>> FindAsync(string collection, BsonDocument filter, CancellationToken cancellationToken)
    {
        var reply = await RunAsync(new BsonDocument().Add("find", new BsonString(collection)).Add("filter", filter).Add("batchSize", new BsonInt32(100_000)), cancellationToken);
        var cursor = (BsonDocument)reply["cursor"];
        Assert.True(cursor["id"] is BsonInt64 { Value: 0 }, "the test reads expect everything in the first batch");
        return ((BsonArray)cursor["firstBatch"]).Items.Cast<BsonDocument>().ToList();
    }

    /// <summary>Runs a command against this test's database and checks <c>ok</c>.</summary>
    internal Task<BsonDocument> RunAsync(BsonDocument command, CancellationToken cancellationToken) => RunAsync(Database, command, cancellationToken);

    private static CrudValue Normalize(BsonValue value) => value switch
    {
        BsonNull => CrudValue.Null,
        BsonBoolean flag => CrudValue.FromBoolean(flag.Value),
        BsonInt32 int32 => CrudValue.FromInteger(int32.Value),
        BsonInt64 int64 => CrudValue.FromInteger(int64.Value),
        BsonDouble real => CrudValue.FromReal(real.Value),
        BsonDecimal128 number => ConformanceValues.Decimal(decimal.Parse(number.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        BsonDateTime date => ConformanceValues.Instant(DateTimeOffset.FromUnixTimeMilliseconds(date.MillisecondsSinceEpoch)),
        BsonBinary { SubType: 4 } uuid => ConformanceValues.Uuid(new Guid(uuid.Bytes, bigEndian: true)),
        BsonObjectId id => CrudValue.FromText(id.Hex),
        BsonDocument or BsonArray => ConformanceValues.Json(ExtendedJsonWriter.ToRelaxed(value)),
        BsonString text => CrudValue.FromText(text.Value),
        _ => CrudValue.FromText(ExtendedJsonWriter.ToRelaxed(value)),
    };

    private static BsonDocument Validated(string collection, string requiredField) =>
        new BsonDocument()
            .Add("create", new BsonString(collection))
            .Add("validator", new BsonDocument().Add("$jsonSchema", new BsonDocument()
                .Add("bsonType", new BsonString("object"))
                .Add("required", new BsonArray([new BsonString(requiredField)]))
                .Add("properties", new BsonDocument().Add(requiredField, new BsonDocument().Add("bsonType", new BsonString("string"))))));

    private async Task<BsonDocument> RunAsync(string database, BsonDocument command, CancellationToken cancellationToken)
    {
        var text = await Executor.RunCommandAsync(new MongoCommand(database, command.Elements[0].Key, ExtendedJsonWriter.ToCanonical(command)), cancellationToken);
        var reply = ExtendedJsonReader.ParseDocument(text);
        Assert.True(reply["ok"] is BsonDouble { Value: 1 } or BsonInt32 { Value: 1 }, $"{command.Elements[0].Key} failed: {text}");
        return reply;
    }
}
