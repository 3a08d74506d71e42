namespace PowerSync.Backend.Mongo;

/// <summary>
/// Runs MongoDB database commands for the applier: the one seam between translation (which this package does)
/// and a connection to a server (which a MongoDB driver does). Bind it to <c>IMongoDatabase.RunCommandAsync</c>;
/// the package README shows how.
/// </summary>
/// <remarks>
/// Commands arrive complete, as canonical Extended JSON v2: inside a transaction they already carry
/// <c>lsid</c>, <c>txnNumber</c>, <c>autocommit</c> and, on the first command, <c>startTransaction</c>;
/// commits and aborts are the <c>commitTransaction</c> / <c>abortTransaction</c> commands against <c>admin</c>.
/// <see cref="MongoCommand.Transaction"/> says the same in structured form for executors that drive a
/// driver session instead.
/// </remarks>
public interface IMongoCommandExecutor
{
    /// <summary>Runs one command and returns the server's reply.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The reply document as Extended JSON (canonical or relaxed). A reply with <c>ok: 0</c> may be returned or
    /// thrown as <see cref="MongoCommandFailedException"/>; write errors of an <c>ok: 1</c> reply are returned.
    /// </returns>
    /// <exception cref="MongoCommandFailedException">The server refused the command, or the connection failed (with the driver's error labels).</exception>
    ValueTask<string> RunCommandAsync(MongoCommand command, CancellationToken cancellationToken);
}
