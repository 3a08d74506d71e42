using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Tests.Double;

/// <summary>Sessions and transactions: the protocol checks, snapshots, write locks, commit and abort.</summary>
public sealed partial class InMemoryMongoExecutorDouble
{
    private const string TransientTransactionError = "TransientTransactionError";

    /// <summary>Checks the session fields of a command and returns its transaction (null outside one).</summary>
    private TransactionState? Transaction(string database, BsonDocument command, string name)
    {
        var hasNumber = command.TryGetValue("txnNumber", out var number);
        var isEnd = name is "commitTransaction" or "abortTransaction";
        if (!hasNumber)
        {
            return isEnd ? throw new CommandError(50768, "NoSuchTransaction", $"{name} needs a txnNumber") : null;
        }

        if (Standalone)
        {
            throw new CommandError(20, "IllegalOperation", "Transaction numbers are only allowed on a replica set member or mongos");
        }

        if (!command.TryGetValue("lsid", out var lsid) || lsid is not BsonDocument { } session || !session.TryGetValue("id", out var id) || id is not BsonBinary { SubType: 4, Bytes.Length: 16 } uuid)
        {
            throw new CommandError(50768, "InvalidOptions", "txnNumber requires an lsid with a UUID id");
        }

        if (number is not BsonInt64 { } txnNumber || !command.TryGetValue("autocommit", out var autocommit) || autocommit is not BsonBoolean { Value: false })
        {
            throw new CommandError(50768, "InvalidOptions", "a transaction command needs txnNumber (int64) and autocommit: false");
        }

        if (isEnd != (database == "admin"))
        {
            throw new CommandError(13, "Unauthorized", $"{name} must run against admin, other commands against their database");
        }

        var sessionId = new Guid(uuid.Bytes, bigEndian: true);
        if (!_sessions.TryGetValue(sessionId, out var state))
        {
            state = new SessionState();
            _sessions[sessionId] = state;
        }

        var starts = command.TryGetValue("startTransaction", out var start) && start is BsonBoolean { Value: true };
        if (command.Contains("readConcern") && !starts)
        {
            throw new CommandError(72, "InvalidOptions", "only the first command of a transaction may set a read concern");
        }

        if (starts)
        {
            if (txnNumber.Value <= state.LastNumber)
            {
                throw new CommandError(225, "TransactionTooOld", "txnNumber is not greater than the session's last");
            }

            state.LastNumber = txnNumber.Value;
            state.Active = new TransactionState(sessionId, txnNumber.Value, _sequence, _collections.ToDictionary(c => c.Key, c => new Dictionary<string, BsonDocument>(c.Value.Documents), StringComparer.Ordinal));
            return state.Active;
        }

        if (state.Active is { } active && active.Number == txnNumber.Value && (active.Open || (name == "commitTransaction" && active.Committed)))
        {
            return active;
        }

        throw new CommandError(251, "NoSuchTransaction", "Transaction has been aborted or was never started", TransientTransactionError);
    }

    private BsonDocument Commit(TransactionState? transaction)
    {
        if (transaction!.Committed)
        {
            return Ok();
        }

        foreach (var ((ns, key), document) in transaction.Writes)
        {
            var collection = Collection(ns);
            if (document is null)
            {
                collection.Documents.Remove(key);
            }
            else
            {
                collection.Documents[key] = document;
            }

            collection.Versions[key] = ++_sequence;
        }

        transaction.Committed = true;
        Release(transaction);
        return Ok();
    }

    private BsonDocument AbortCommand(TransactionState? transaction)
    {
        if (transaction!.Committed)
        {
            throw new CommandError(256, "TransactionCommitted", "the transaction was committed");
        }

        Abort(transaction);
        return Ok();
    }

    private void Abort(TransactionState? transaction)
    {
        if (transaction is { Open: true })
        {
            transaction.Aborted = true;
            Release(transaction);
        }
    }

    private void Release(TransactionState transaction)
    {
        foreach (var key in transaction.Writes.Keys)
        {
            _locks.Remove(key);
        }
    }

    /// <summary>A document as the reader sees it: its transaction's snapshot and writes, or the committed state.</summary>
    private BsonDocument? Get(TransactionState? transaction, string ns, string key)
    {
        if (transaction is null)
        {
            return _collections.TryGetValue(ns, out var collection) ? collection.Documents.GetValueOrDefault(key) : null;
        }

        return transaction.Writes.TryGetValue((ns, key), out var written) ? written
            : transaction.Snapshot.TryGetValue(ns, out var snapshot) ? snapshot.GetValueOrDefault(key) : null;
    }

    /// <summary>Every document of a collection as the reader sees it, in natural order.</summary>
    private IEnumerable<(string Key, BsonDocument Document)> All(TransactionState? transaction, string ns)
    {
        var keys = transaction is null
            ? (_collections.TryGetValue(ns, out var collection) ? collection.Documents.Keys.ToList() : new List<string>())
            : (transaction.Snapshot.TryGetValue(ns, out var snapshot) ? snapshot.Keys.ToList() : []).Concat(transaction.Writes.Keys.Where(k => k.Namespace == ns).Select(k => k.Key)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            if (Get(transaction, ns, key) is { } document)
            {
                yield return (key, document);
            }
        }
    }

    /// <summary>Writes (or, with null, deletes) a document: first writer wins, the later one gets a write conflict.</summary>
    private void Put(TransactionState? transaction, string ns, string key, BsonDocument? document)
    {
        var collection = Collection(ns);
        var locked = _locks.TryGetValue((ns, key), out var owner);
        if (transaction is null)
        {
            if (locked)
            {
                throw new CommandError(112, "WriteConflict", "a transaction holds the document (the double does not wait)");
            }

            if (document is null)
            {
                collection.Documents.Remove(key);
            }
            else
            {
                collection.Documents[key] = document;
            }

            collection.Versions[key] = ++_sequence;
            return;
        }

        if ((locked && owner != transaction.SessionId) || collection.Versions.GetValueOrDefault(key) > transaction.SnapshotSequence)
        {
            throw new CommandError(112, "WriteConflict", "Write conflict during plan execution and yielding is disabled.", TransientTransactionError);
        }

        _locks[(ns, key)] = transaction.SessionId;
        transaction.Writes[(ns, key)] = document;
    }

    private sealed class SessionState
    {
        public long LastNumber { get; set; }

        public TransactionState? Active { get; set; }
    }

    private sealed class TransactionState(Guid sessionId, long number, long snapshotSequence, Dictionary<string, Dictionary<string, BsonDocument>> snapshot)
    {
        public Guid SessionId { get; } = sessionId;

        public long Number { get; } = number;

        public long SnapshotSequence { get; } = snapshotSequence;

        public Dictionary<string, Dictionary<string, BsonDocument>> Snapshot { get; } = snapshot;

        public Dictionary<(string Namespace, string Key), BsonDocument?> Writes { get; } = [];

        public bool Aborted { get; set; }

        public bool Committed { get; set; }

        public bool Open => !Aborted && !Committed;
    }
}
