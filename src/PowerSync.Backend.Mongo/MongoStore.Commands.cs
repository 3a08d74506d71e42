using PowerSync.Backend.Mongo.Bson;
using PowerSync.Backend.Mongo.Diagnostics;
using PowerSync.Backend.Mongo.Sessions;

namespace PowerSync.Backend.Mongo;

/// <summary>Sending commands and reading replies.</summary>
public sealed partial class MongoStore
{
    /// <summary>Runs a command inside <paramref name="scope"/>'s transaction, or on its own when there is none.</summary>
    private ValueTask<BsonDocument> RunAsync(MongoTransactionScope? scope, BsonDocument command, CancellationToken cancellationToken) =>
        RunAsync(scope is null ? new MongoCommand(_options.Database, command.Elements[0].Key, ExtendedJsonWriter.ToCanonical(command)) : scope.Command(command), cancellationToken);

    /// <summary>Runs a command; an <c>ok: 0</c> reply, a write error or a write-concern error is thrown as <see cref="MongoCommandFailedException"/>.</summary>
    private async ValueTask<BsonDocument> RunAsync(MongoCommand command, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _commands);
        var text = await _executor.RunCommandAsync(command, cancellationToken).ConfigureAwait(false);
        var reply = ExtendedJsonReader.ParseDocument(text);
        var labels = reply.TryGetValue("errorLabels", out var array) && array is BsonArray items ? items.Items.OfType<BsonString>().Select(l => l.Value).ToArray() : [];
        if (!IsOk(reply))
        {
            throw Failure(reply, labels, command.Name, null);
        }

        if (reply.TryGetValue("writeErrors", out var errors) && errors is BsonArray { Items.Count: > 0 } writeErrors && writeErrors.Items[0] is BsonDocument first)
        {
            // Ordered batches stop at their first error, so there is only one.
            throw Failure(first, labels, command.Name, (int?)ReadLong(first, "index") ?? 0);
        }

        if (reply.TryGetValue("writeConcernError", out var concern) && concern is BsonDocument writeConcernError)
        {
            throw Failure(writeConcernError, labels, command.Name, null);
        }

        return reply;
    }

    private static bool IsOk(BsonDocument reply) => reply.TryGetValue("ok", out var ok) && ok switch
    {
        BsonInt32 int32 => int32.Value == 1,
        BsonInt64 int64 => int64.Value == 1,
        BsonDouble real => real.Value == 1,
        BsonBoolean flag => flag.Value,
        _ => false,
    };

    private static MongoCommandFailedException Failure(BsonDocument error, string[] labels, string commandName, int? writeErrorIndex) => new(
        (int)(ReadLong(error, "code") ?? 0),
        error.TryGetValue("codeName", out var name) && name is BsonString codeName ? codeName.Value : null,
        labels,
        commandName,
        writeErrorIndex,
        error.TryGetValue("errmsg", out var message) && message is BsonString text ? text.Value : null);

    /// <summary>Reads every document a <c>find</c> returns, following the cursor with <c>getMore</c>.</summary>
    private async ValueTask<List<BsonDocument>> FindAllAsync(MongoTransactionScope? scope, string collection, BsonDocument find, CancellationToken cancellationToken)
    {
        var reply = await RunAsync(scope, find, cancellationToken).ConfigureAwait(false);
        var documents = FirstBatch(reply);
        for (var cursor = CursorId(reply); cursor != 0; cursor = CursorId(reply))
        {
            reply = await RunAsync(scope, Translation.MongoCommands.GetMore(cursor, collection), cancellationToken).ConfigureAwait(false);
            documents.AddRange(Batch(reply, "nextBatch"));
        }

        return documents;
    }

    /// <summary>Commits; the session goes back to the pool.</summary>
    private async ValueTask CommitAsync(MongoTransactionScope scope, CancellationToken cancellationToken)
    {
        if (scope.Started)
        {
            await RunAsync(scope.Commit(), cancellationToken).ConfigureAwait(false);
        }

        _sessions.Return(scope.Session);
    }

    /// <summary>Aborts a transaction that did not end; a failed abort discards the session (the server aborts the transaction on its own).</summary>
    private async ValueTask AbortAsync(MongoTransactionScope scope)
    {
        if (scope.Ended)
        {
            return;
        }

        if (!scope.Started)
        {
            _sessions.Return(scope.Session);
            return;
        }

        try
        {
            // The caller's token may be what ended the attempt; the abort must still go out.
            await RunAsync(scope.Abort(), CancellationToken.None).ConfigureAwait(false);
            _sessions.Return(scope.Session);
        }
        catch (MongoCommandFailedException exception) when (exception.Code == 251)
        {
            // NoSuchTransaction: the server already aborted it (after a write error, for example).
            _sessions.Return(scope.Session);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.AbortFailed(_logger, exception);
        }
    }
}
