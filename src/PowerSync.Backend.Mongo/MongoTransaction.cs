namespace PowerSync.Backend.Mongo;

/// <summary>Where a command stands in a MongoDB transaction (the structured form of its session fields).</summary>
/// <param name="SessionId">The logical session id (<c>lsid.id</c>, a UUID).</param>
/// <param name="Number">The transaction number (<c>txnNumber</c>), increasing per session.</param>
/// <param name="Step">What the command does to the transaction.</param>
public sealed record MongoTransaction(Guid SessionId, long Number, MongoTransactionStep Step);
