using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Sessions;

/// <summary>
/// One MongoDB transaction: adds the session and transaction fields to each command (the first starts the
/// transaction, with snapshot read concern) and builds the commit and abort commands.
/// </summary>
internal sealed class MongoTransactionScope
{
    public MongoTransactionScope(MongoSession session, string database)
    {
        Session = session;
        Database = database;
        Number = session.NextTransactionNumber();
    }

    public MongoSession Session { get; }

    public string Database { get; }

    public long Number { get; }

    /// <summary>Whether a command has started the transaction on the server.</summary>
    public bool Started { get; private set; }

    /// <summary>Whether the transaction was committed or aborted.</summary>
    public bool Ended { get; private set; }

    /// <summary>Wraps a command of the transaction.</summary>
    public MongoCommand Command(BsonDocument command)
    {
        var step = Started ? MongoTransactionStep.Continue : MongoTransactionStep.Start;
        if (!Started)
        {
            command.Add("readConcern", new BsonDocument().Add("level", new BsonString("snapshot")));
        }

        AddSessionFields(command, start: !Started);
        Started = true;
        return new MongoCommand(Database, command.Elements[0].Key, ExtendedJsonWriter.ToCanonical(command), Transaction(step));
    }

    /// <summary>The <c>commitTransaction</c> command (majority write concern: a commit that returns is durable).</summary>
    public MongoCommand Commit()
    {
        Ended = true;
        var command = new BsonDocument().Add("commitTransaction", new BsonInt32(1)).Add("writeConcern", new BsonDocument().Add("w", new BsonString("majority")));
        AddSessionFields(command, start: false);
        return new MongoCommand("admin", "commitTransaction", ExtendedJsonWriter.ToCanonical(command), Transaction(MongoTransactionStep.Commit));
    }

    /// <summary>The <c>abortTransaction</c> command.</summary>
    public MongoCommand Abort()
    {
        Ended = true;
        var command = new BsonDocument().Add("abortTransaction", new BsonInt32(1));
        AddSessionFields(command, start: false);
        return new MongoCommand("admin", "abortTransaction", ExtendedJsonWriter.ToCanonical(command), Transaction(MongoTransactionStep.Abort));
    }

    private MongoTransaction Transaction(MongoTransactionStep step) => new(Session.Id, Number, step);

    private void AddSessionFields(BsonDocument command, bool start)
    {
        command.Add("lsid", new BsonDocument().Add("id", new BsonBinary(4, Session.Id.ToByteArray(bigEndian: true))));
        command.Add("txnNumber", new BsonInt64(Number));
        if (start)
        {
            command.Add("startTransaction", new BsonBoolean(true));
        }

        command.Add("autocommit", new BsonBoolean(false));
    }
}
