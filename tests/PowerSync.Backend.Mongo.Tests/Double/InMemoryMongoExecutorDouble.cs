using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Tests.Double;

/// <summary>
/// A TEST DOUBLE of a MongoDB server behind <see cref="IMongoCommandExecutor"/>: it parses each command's canonical
/// Extended JSON and implements exactly the command semantics the provider uses, nothing more. It is not MongoDB,
/// and passing against it proves the translation and the protocol, not a server's behaviour.
/// </summary>
/// <remarks>
/// <para>Implemented: <c>update</c> (<c>$set</c>, <c>$unset</c>, <c>$setOnInsert</c>, <c>$max</c>, replacement
/// documents, upserts seeded from the query's equality fields), <c>delete</c>, <c>insert</c>, <c>find</c> (equality
/// and <c>$in</c>, <c>limit</c>; every result in the first batch), ordered batches that stop at the first write
/// error and report its index and code, a unique <c>_id</c> (11000), unique single-field indexes
/// (<c>createIndexes</c>), <c>$jsonSchema</c> validators limited to <c>required</c> and <c>bsonType</c> (121), and
/// transactions: <c>lsid</c>/<c>txnNumber</c>/<c>startTransaction</c>/<c>autocommit</c> checked as a server checks them,
/// snapshot reads, first-writer-wins write conflicts (112 with <c>TransientTransactionError</c>), a write error
/// aborting the transaction (later commands get 251 NoSuchTransaction), <c>commitTransaction</c>,
/// <c>abortTransaction</c>. A standalone double refuses transaction numbers (code 20), as a standalone server does.
/// The <c>failCommand</c> fail point (<c>configureFailPoint</c>) injects errors, with a <c>namespace</c> filter.</para>
/// <para>Simplifications: top-level fields only (no dotted paths); a write outside a transaction to a document a
/// transaction holds fails with a write conflict instead of waiting; unique indexes are checked against the
/// writer's view, not across concurrent transactions.</para>
/// </remarks>
public sealed partial class InMemoryMongoExecutorDouble : IMongoCommandExecutor
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CollectionState> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Key), Guid> _locks = [];
    private readonly Dictionary<Guid, SessionState> _sessions = [];
    private readonly List<MongoCommand> _commands = [];
    private readonly List<FailPoint> _failPoints = [];
    private long _sequence;
    private int _generatedIds;

    /// <summary>Creates an empty double.</summary>
    /// <param name="standalone">Behave as a standalone server: no transactions.</param>
    public InMemoryMongoExecutorDouble(bool standalone = false) => Standalone = standalone;

    /// <summary>Whether the double behaves as a standalone server (no transactions).</summary>
    public bool Standalone { get; }

    /// <summary>Every command received, in order.</summary>
    public IReadOnlyList<MongoCommand> Commands
    {
        get
        {
            lock (_lock)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>Forgets the recorded commands.</summary>
    public void ClearCommands()
    {
        lock (_lock)
        {
            _commands.Clear();
        }
    }

    /// <inheritdoc />
    public async ValueTask<string> RunCommandAsync(MongoCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();

        // Let concurrent transactions interleave between commands, as they would against a server.
        await Task.Yield();
        lock (_lock)
        {
            _commands.Add(command);
            var document = ExtendedJsonReader.ParseDocument(command.CanonicalJson);
            BsonDocument reply;
            try
            {
                reply = Execute(command.Database, document);
            }
            catch (CommandError error)
            {
                reply = error.ToReply();
            }

            return ExtendedJsonWriter.ToCanonical(reply);
        }
    }

    private BsonDocument Execute(string database, BsonDocument command)
    {
        var name = command.Elements[0].Key;
        var transaction = Transaction(database, command, name);
        if (TakeFailure(database, command, name) is { } failure)
        {
            Abort(transaction);
            throw failure;
        }

        try
        {
            return name switch
            {
                "update" => Update(database, command, transaction),
                "delete" => Delete(database, command, transaction),
                "insert" => Insert(database, command, transaction),
                "find" => Find(database, command, transaction),
                "commitTransaction" => Commit(transaction),
                "abortTransaction" => AbortCommand(transaction),
                "create" => Create(database, command),
                "createIndexes" => CreateIndexes(database, command),
                "configureFailPoint" => ConfigureFailPoint(command),
                "dropDatabase" => DropDatabase(database),
                _ => throw new CommandError(59, "CommandNotFound", $"no such command: '{name}' (not implemented by the test double)"),
            };
        }
        catch (CommandError) when (transaction is not null && name is not ("commitTransaction" or "abortTransaction"))
        {
            // Any command error inside a transaction aborts it on the server.
            Abort(transaction);
            throw;
        }
    }

    private static BsonDocument Ok() => new BsonDocument().Add("ok", new BsonDouble(1));

    private CollectionState Collection(string ns)
    {
        if (!_collections.TryGetValue(ns, out var collection))
        {
            collection = new CollectionState();
            _collections[ns] = collection;
        }

        return collection;
    }

    private sealed class CollectionState
    {
        public Dictionary<string, BsonDocument> Documents { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> Versions { get; } = new(StringComparer.Ordinal);

        public List<string> Required { get; } = [];

        public Dictionary<string, string[]> Types { get; } = new(StringComparer.Ordinal);

        public List<string> UniqueFields { get; } = [];
    }

    private sealed class CommandError(int code, string codeName, string message, params string[] labels) : Exception(message)
    {
        public int Code { get; } = code;

        public BsonDocument ToReply()
        {
            var reply = new BsonDocument().Add("ok", new BsonDouble(0)).Add("errmsg", new BsonString(Message)).Add("code", new BsonInt32(Code)).Add("codeName", new BsonString(codeName));
            return labels.Length == 0 ? reply : reply.Add("errorLabels", new BsonArray([.. labels.Select(l => new BsonString(l))]));
        }
    }

    private sealed class WriteError(int code, string codeName, string message) : Exception(message)
    {
        public BsonDocument ToDocument(int index) =>
            new BsonDocument().Add("index", new BsonInt32(index)).Add("code", new BsonInt32(code)).Add("codeName", new BsonString(codeName)).Add("errmsg", new BsonString(Message));
    }
}
