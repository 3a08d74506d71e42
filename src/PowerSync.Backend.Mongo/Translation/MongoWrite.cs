using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Translation;

/// <summary>One <c>update</c> or <c>delete</c> command: a run of consecutive entries on one collection, one statement each, in order.</summary>
/// <param name="Collection">The collection.</param>
/// <param name="IsDelete">Whether the statements are deletes (otherwise updates).</param>
/// <param name="Statements">The statements (<c>{q, u, upsert}</c> or <c>{q, limit}</c>).</param>
/// <param name="EntryIndexes">For each statement, its entry's index in the planned transaction.</param>
internal sealed record MongoWrite(string Collection, bool IsDelete, List<BsonDocument> Statements, List<int> EntryIndexes);
