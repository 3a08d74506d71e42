using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Tests.Double;

/// <summary><c>update</c>, <c>delete</c> and <c>insert</c>: ordered batches that stop at the first write error.</summary>
public sealed partial class InMemoryMongoExecutorDouble
{
    private BsonDocument Update(string database, BsonDocument command, TransactionState? transaction)
    {
        var ns = Namespace(database, command);
        var statements = Statements(command, "updates");
        var reply = Ok();
        int matched = 0, modified = 0;
        var upserted = new BsonArray();
        for (var i = 0; i < statements.Count; i++)
        {
            try
            {
                var statement = statements[i];
                var query = (BsonDocument)statement["q"];
                var update = (BsonDocument)statement["u"];
                var upsert = statement.TryGetValue("upsert", out var flag) && flag is BsonBoolean { Value: true };
                if (statement.TryGetValue("multi", out var multi) && multi is BsonBoolean { Value: true })
                {
                    throw new CommandError(9, "FailedToParse", "multi-document updates are not implemented by the test double");
                }

                var match = All(transaction, ns).FirstOrDefault(d => Matches(d.Document, query));
                if (match.Document is not null)
                {
                    var changed = Apply(match.Document, update, inserting: false);
                    Check(transaction, ns, match.Key, changed);
                    Put(transaction, ns, match.Key, changed);
                    matched++;
                    modified++;
                }
                else if (upsert)
                {
                    var seed = new BsonDocument();
                    foreach (var (field, condition) in query.Elements)
                    {
                        if (!IsOperator(condition))
                        {
                            seed.Add(field, condition);
                        }
                    }

                    var created = Apply(seed, update, inserting: true);
                    var key = DoubleBson.Key(created["_id"]);
                    if (Get(transaction, ns, key) is not null)
                    {
                        throw new WriteError(11000, "DuplicateKey", "E11000 duplicate key error collection: " + ns + " index: _id_");
                    }

                    Check(transaction, ns, key, created);
                    Put(transaction, ns, key, created);
                    upserted.Items.Add(new BsonDocument().Add("index", new BsonInt32(i)).Add("_id", created["_id"]));
                }
            }
            catch (WriteError error)
            {
                Abort(transaction);
                reply.Add("writeErrors", new BsonArray([error.ToDocument(i)]));
                break;
            }
        }

        reply.Set("n", new BsonInt32(matched + upserted.Items.Count));
        reply.Set("nModified", new BsonInt32(modified));
        if (upserted.Items.Count > 0)
        {
            reply.Set("upserted", upserted);
        }

        return reply;
    }

    private BsonDocument Delete(string database, BsonDocument command, TransactionState? transaction)
    {
        var ns = Namespace(database, command);
        var deleted = 0;
        foreach (var statement in Statements(command, "deletes"))
        {
            if (statement["limit"] is not BsonInt32 { Value: 1 })
            {
                throw new CommandError(9, "FailedToParse", "only deletes with limit: 1 are implemented by the test double");
            }

            var match = All(transaction, ns).FirstOrDefault(d => Matches(d.Document, (BsonDocument)statement["q"]));
            if (match.Document is not null)
            {
                Put(transaction, ns, match.Key, null);
                deleted++;
            }
        }

        return Ok().Add("n", new BsonInt32(deleted));
    }

    private BsonDocument Insert(string database, BsonDocument command, TransactionState? transaction)
    {
        var ns = Namespace(database, command);
        var documents = Statements(command, "documents");
        var reply = Ok();
        var inserted = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            try
            {
                var document = documents[i].DeepClone();
                if (!document.Contains("_id"))
                {
                    // Servers add a generated ObjectId first; a counter keeps the double predictable.
                    var withId = new BsonDocument().Add("_id", new BsonObjectId((++_generatedIds).ToString("x24", System.Globalization.CultureInfo.InvariantCulture)));
                    foreach (var (field, value) in document.Elements)
                    {
                        withId.Add(field, value);
                    }

                    document = withId;
                }

                var key = DoubleBson.Key(document["_id"]);
                if (Get(transaction, ns, key) is not null)
                {
                    throw new WriteError(11000, "DuplicateKey", "E11000 duplicate key error collection: " + ns + " index: _id_");
                }

                Check(transaction, ns, key, document);
                Put(transaction, ns, key, document);
                inserted++;
            }
            catch (WriteError error)
            {
                Abort(transaction);
                reply.Add("writeErrors", new BsonArray([error.ToDocument(i)]));
                break;
            }
        }

        return reply.Add("n", new BsonInt32(inserted));
    }

    /// <summary>Applies an update document (operators, or a replacement) to a copy of <paramref name="document"/>.</summary>
    private static BsonDocument Apply(BsonDocument document, BsonDocument update, bool inserting)
    {
        var id = document.TryGetValue("_id", out var existing) ? existing : null;
        if (update.Count == 0 || !update.Elements[0].Key.StartsWith('$'))
        {
            if (update.Elements.Any(e => e.Key.StartsWith('$')))
            {
                throw new WriteError(52, "DollarPrefixedFieldName", "a replacement document may not mix fields and operators");
            }

            if (update.TryGetValue("_id", out var replacementId) && id is not null && !DoubleBson.Equal(id, replacementId))
            {
                throw new WriteError(66, "ImmutableField", "_id may not change");
            }

            var replacement = new BsonDocument().AddIfNotNull("_id", id);
            foreach (var (field, value) in update.Elements.Where(e => e.Key != "_id"))
            {
                replacement.Add(field, value);
            }

            return replacement;
        }

        var result = document.DeepClone();
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, operand) in update.Elements)
        {
            if (operand is not BsonDocument fields)
            {
                throw new WriteError(9, "FailedToParse", $"{name} needs a document");
            }

            foreach (var (field, value) in fields.Elements)
            {
                if (field.StartsWith('$') || field.Contains('.', StringComparison.Ordinal) || field.Length == 0)
                {
                    throw new WriteError(52, "DollarPrefixedFieldName", $"field '{field}' is not valid for storage (or a dotted path, which the test double does not implement)");
                }

                if (!touched.Add(field))
                {
                    throw new WriteError(40, "ConflictingUpdateOperators", $"Updating the path '{field}' would create a conflict");
                }

                if (field == "_id" && name != "$setOnInsert" && !(result.TryGetValue("_id", out var current) && DoubleBson.Equal(current, value)))
                {
                    throw new WriteError(66, "ImmutableField", "Performing an update on the path '_id' would modify the immutable field '_id'");
                }

                switch (name)
                {
                    case "$set":
                        result.Set(field, value);
                        break;
                    case "$setOnInsert" when inserting:
                        result.Set(field, value);
                        break;
                    case "$setOnInsert":
                        break;
                    case "$unset":
                        result.Remove(field);
                        break;
                    case "$max":
                        var stored = result.TryGetValue(field, out var old) ? old : null;
                        if (stored is null || DoubleBson.Compare(value, stored) > 0)
                        {
                            result.Set(field, value);
                        }

                        break;
                    default:
                        throw new WriteError(9, "FailedToParse", $"Unknown modifier: {name} (not implemented by the test double)");
                }
            }
        }

        return result;
    }

    /// <summary>Document validation (121) and unique indexes (11000) for a document about to be written.</summary>
    private void Check(TransactionState? transaction, string ns, string key, BsonDocument document)
    {
        if (!_collections.TryGetValue(ns, out var collection))
        {
            return;
        }

        var missing = collection.Required.FirstOrDefault(f => !document.Contains(f));
        var wrongType = collection.Types.FirstOrDefault(t => document.TryGetValue(t.Key, out var value) && !t.Value.Contains(DoubleBson.TypeName(value), StringComparer.Ordinal)).Key;
        if (missing is not null || wrongType is not null)
        {
            throw new WriteError(121, "DocumentValidationFailure", "Document failed validation");
        }

        foreach (var field in collection.UniqueFields)
        {
            if (document.TryGetValue(field, out var value)
                && All(transaction, ns).Any(d => d.Key != key && d.Document.TryGetValue(field, out var other) && DoubleBson.Equal(value, other)))
            {
                throw new WriteError(11000, "DuplicateKey", $"E11000 duplicate key error collection: {ns} index: {field}_1");
            }
        }
    }

    private static List<BsonDocument> Statements(BsonDocument command, string name) =>
        command.TryGetValue(name, out var array) && array is BsonArray items && items.Items.All(i => i is BsonDocument) && items.Items.Count > 0
            ? items.Items.Cast<BsonDocument>().ToList()
            : throw new CommandError(9, "FailedToParse", $"'{name}' must be a non-empty array of documents");

    private static bool IsOperator(BsonValue condition) => condition is BsonDocument { Count: > 0 } document && document.Elements[0].Key.StartsWith('$');

    private static string Namespace(string database, BsonDocument command) =>
        command.Elements[0].Value is BsonString { Value.Length: > 0 } collection
            ? database + "." + collection.Value
            : throw new CommandError(73, "InvalidNamespace", "the command's first value must be a collection name");
}
