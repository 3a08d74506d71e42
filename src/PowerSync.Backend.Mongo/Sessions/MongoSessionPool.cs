using System.Collections.Concurrent;

namespace PowerSync.Backend.Mongo.Sessions;

/// <summary>
/// Logical sessions for transactions, as drivers keep them: a client-generated UUID (<c>lsid</c>) whose
/// transaction numbers increase; a session goes back to the pool only after its transaction ended cleanly.
/// </summary>
internal sealed class MongoSessionPool
{
    private readonly ConcurrentStack<MongoSession> _idle = new();
    private readonly Func<Guid> _newId;

    public MongoSessionPool(Func<Guid> newId) => _newId = newId;

    /// <summary>An idle session, or a new one.</summary>
    public MongoSession Rent() => _idle.TryPop(out var session) ? session : new MongoSession(_newId());

    /// <summary>Returns a session whose transaction was committed or aborted.</summary>
    public void Return(MongoSession session) => _idle.Push(session);
}

/// <summary>One logical session: its id and its last transaction number.</summary>
internal sealed class MongoSession
{
    private long _transactionNumber;

    public MongoSession(Guid id) => Id = id;

    /// <summary>The <c>lsid.id</c>.</summary>
    public Guid Id { get; }

    /// <summary>The next <c>txnNumber</c>; a session runs one transaction at a time.</summary>
    public long NextTransactionNumber() => ++_transactionNumber;
}
