using Microsoft.Extensions.Logging;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Mongo.Bson;
using PowerSync.Backend.Mongo.Sessions;
using PowerSync.Backend.Mongo.Translation;

namespace PowerSync.Backend.Mongo;

/// <summary>
/// The MongoDB provider: translates client transactions into <c>update</c> / <c>delete</c> commands (one per run
/// of consecutive entries on a collection), runs each client transaction in one MongoDB transaction together
/// with its ledger document, and keeps dead letters in a collection. Commands go through an
/// <see cref="IMongoCommandExecutor"/>.
/// </summary>
/// <remarks>
/// A transaction costs, with a client id: the ledger <c>find</c> (which starts the MongoDB transaction), the
/// guarded ledger <c>update</c>, one command per run, and the commit; plus one <c>find</c> per collection when
/// conflict hooks need stored documents.
/// </remarks>
public sealed partial class MongoStore : ICrudApplier, IIdempotencyLedger, IDeadLetterStore
{
    private readonly IMongoCommandExecutor _executor;
    private readonly MongoBackendOptions _options;
    private readonly MongoCollectionMap _collections;
    private readonly MongoPlanner _planner;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private MongoSessionPool _sessions = new(Guid.NewGuid);
    private long _commands;

    /// <summary>Creates the store.</summary>
    /// <param name="executor">Runs the commands.</param>
    /// <param name="options">The provider's options; checked here.</param>
    /// <param name="timeProvider">The clock (ledger and dead-letter times).</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentException">The options name a database, collection or field MongoDB cannot take, or are otherwise invalid.</exception>
    public MongoStore(IMongoCommandExecutor executor, MongoBackendOptions options, TimeProvider timeProvider, ILogger<MongoStore> logger)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _executor = executor;
        _options = options;
        _collections = MongoCollectionMap.Create(options);
        _planner = new MongoPlanner(_collections, options);
        _timeProvider = timeProvider;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Commands sent so far (each one round trip), for benchmarks, diagnostics and tests.</summary>
    public long Commands => Interlocked.Read(ref _commands);

    /// <summary>Where new logical session ids come from; tests make them predictable.</summary>
    internal Func<Guid> SessionIds
    {
        init => _sessions = new MongoSessionPool(value);
    }

    /// <inheritdoc />
    public async ValueTask<LedgerPosition> GetPositionAsync(ClientKey client, CancellationToken cancellationToken)
    {
        var find = MongoCommands.Find(_options.LedgerCollection, new BsonDocument().Add("_id", MongoCommands.LedgerKey(client)), single: true);
        var reply = await RunAsync(new MongoCommand(_options.Database, "find", ExtendedJsonWriter.ToCanonical(find)), cancellationToken).ConfigureAwait(false);
        return ReadPosition(FirstBatch(reply).FirstOrDefault());
    }

    private static LedgerPosition ReadPosition(BsonDocument? ledger) => ledger is null
        ? LedgerPosition.None
        : new LedgerPosition(ReadLong(ledger, "last_transaction_id"), ReadLong(ledger, "last_operation_id"));

    private static long? ReadLong(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) ? value switch
        {
            BsonInt64 int64 => int64.Value,
            BsonInt32 int32 => int32.Value,
            BsonDouble real => (long)real.Value,
            _ => null,
        }
        : null;

    private static List<BsonDocument> FirstBatch(BsonDocument reply) => Batch(reply, "firstBatch");

    private static List<BsonDocument> Batch(BsonDocument reply, string name) =>
        reply.TryGetValue("cursor", out var cursor) && cursor is BsonDocument c && c.TryGetValue(name, out var batch) && batch is BsonArray array
            ? array.Items.OfType<BsonDocument>().ToList()
            : [];

    private static long CursorId(BsonDocument reply) =>
        reply.TryGetValue("cursor", out var cursor) && cursor is BsonDocument c ? ReadLong(c, "id") ?? 0 : 0;
}
