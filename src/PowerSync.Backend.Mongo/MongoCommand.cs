namespace PowerSync.Backend.Mongo;

/// <summary>One database command the applier sends: its database, its name and its canonical Extended JSON document.</summary>
public sealed class MongoCommand
{
    /// <summary>Creates a command.</summary>
    /// <param name="database">The database to run it against (<c>admin</c> for commits and aborts).</param>
    /// <param name="name">The command name, the document's first key (<c>update</c>, <c>find</c>, …).</param>
    /// <param name="canonicalJson">The command document as canonical Extended JSON v2.</param>
    /// <param name="transaction">The transaction it belongs to, or <see langword="null"/> outside transactions.</param>
    public MongoCommand(string database, string name, string canonicalJson, MongoTransaction? transaction = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(canonicalJson);
        Database = database;
        Name = name;
        CanonicalJson = canonicalJson;
        Transaction = transaction;
    }

    /// <summary>The database to run the command against.</summary>
    public string Database { get; }

    /// <summary>The command name (<c>update</c>, <c>delete</c>, <c>insert</c>, <c>find</c>, <c>getMore</c>, <c>commitTransaction</c>, <c>abortTransaction</c>).</summary>
    public string Name { get; }

    /// <summary>The command document as canonical Extended JSON v2, session and transaction fields included.</summary>
    public string CanonicalJson { get; }

    /// <summary>The transaction the command belongs to, or <see langword="null"/> for a command outside any session.</summary>
    public MongoTransaction? Transaction { get; }

    /// <inheritdoc />
    public override string ToString() => CanonicalJson;
}
