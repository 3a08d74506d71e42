namespace PowerSync.Backend.Mongo;

/// <summary>What a command does to its transaction.</summary>
public enum MongoTransactionStep
{
    /// <summary>The first command: it carries <c>startTransaction: true</c> and the read concern.</summary>
    Start,

    /// <summary>A later command inside the transaction.</summary>
    Continue,

    /// <summary>The <c>commitTransaction</c> command.</summary>
    Commit,

    /// <summary>The <c>abortTransaction</c> command.</summary>
    Abort,
}
