using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Mongo;

/// <summary>One declared field of a collection: the type its values are coerced to, and an optional default.</summary>
/// <param name="Type">The BSON type.</param>
/// <param name="Default">
/// The value a new document gets when the client did not send the field (<c>$setOnInsert</c>; part of every
/// replacement), coerced like a client value; <see langword="null"/> for none.
/// </param>
public sealed record MongoField(MongoFieldType Type, CrudValue? Default = null);
