using System.Text;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Wire;
using PowerSync.Backend.Mongo.Bson;
using PowerSync.Backend.Mongo.Diagnostics;
using PowerSync.Backend.Mongo.Sessions;
using PowerSync.Backend.Mongo.Translation;

namespace PowerSync.Backend.Mongo;

/// <summary>Dead letters, written with the ledger advance in one transaction.</summary>
public sealed partial class MongoStore
{
    /// <inheritdoc />
    public async ValueTask WriteAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var document = DeadLetterDocument(letter);
        var started = _timeProvider.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var scope = _options.UseTransactions ? new MongoTransactionScope(_sessions.Rent(), _options.Database) : null;
            try
            {
                await RunAsync(scope, MongoCommands.Insert(_options.DeadLetterCollection, document), cancellationToken).ConfigureAwait(false);
                if (letter.Client is { } client)
                {
                    // Advance past the rejected transaction so a re-send is skipped, not recorded twice.
                    await RunAsync(scope, LedgerMaximum(client, LedgerPosition.None.Advance(letter.Transaction)), cancellationToken).ConfigureAwait(false);
                }

                if (scope is not null)
                {
                    await CommitAsync(scope, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (MongoCommandFailedException conflict) when (scope is not null && IsRerunnable(conflict, started))
            {
                Log.WriteConflictRerun(_logger, conflict.Code, letter.ClientId, attempt);
            }
            finally
            {
                if (scope is not null)
                {
                    await AbortAsync(scope).ConfigureAwait(false);
                }
            }

            await PauseAsync(attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An upsert that raises the ledger to at least <paramref name="position"/> (<c>$max</c>: it never moves back).</summary>
    private BsonDocument LedgerMaximum(ClientKey client, LedgerPosition position)
    {
        var maximum = new BsonDocument();
        if (position.LastTransactionId is { } transactionId)
        {
            maximum.Add("last_transaction_id", new BsonInt64(transactionId));
        }

        if (position.LastOperationId is { } operationId)
        {
            maximum.Add("last_operation_id", new BsonInt64(operationId));
        }

        var update = new BsonDocument();
        if (maximum.Count > 0)
        {
            update.Add("$max", maximum);
        }

        update.Add("$set", new BsonDocument().Add("updated_at", new BsonDateTime(_timeProvider.GetUtcNow().ToUnixTimeMilliseconds())));
        var statement = new BsonDocument()
            .Add("q", new BsonDocument().Add("_id", MongoCommands.LedgerKey(client)))
            .Add("u", update)
            .Add("upsert", new BsonBoolean(true));
        return MongoCommands.Update(_options.LedgerCollection, [statement]);
    }

    /// <summary>
    /// The dead letter's document. The transaction and the details are kept as JSON text, not as documents: client
    /// field names may be anything (a leading <c>$</c>, a dot), and a dead letter must never fail to be written.
    /// </summary>
    private static BsonDocument DeadLetterDocument(DeadLetter letter) => new BsonDocument()
        .Add("user_id", Text(letter.UserId))
        .Add("client_id", Text(letter.ClientId))
        .Add("transaction_id", MongoCommands.Nullable(letter.Transaction.TransactionId))
        .Add("error_code", Text(letter.Error.ErrorCode))
        .Add("message", Text(letter.Error.Message))
        .Add("operation_index", letter.Error.OperationIndex is { } index ? new BsonInt32(index) : BsonValue.Null)
        .Add("details", letter.Error.Details is { } details ? Text(details.GetRawText()) : BsonValue.Null)
        .Add("transaction", new BsonString(TransactionJson(letter)))
        .Add("occurred_at", new BsonDateTime(letter.OccurredAt.ToUnixTimeMilliseconds()));

    /// <summary>Text for BSON: lone surrogates (which have no UTF-8 form) become U+FFFD.</summary>
    private static BsonValue Text(string? text)
    {
        if (text is null)
        {
            return BsonValue.Null;
        }

        if (MongoNames.IsWellFormed(text))
        {
            return new BsonString(text);
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text, i++, 2);
            }
            else
            {
                builder.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }

        return new BsonString(builder.ToString());
    }

    /// <summary>The transaction as the client sent it, in the reference write API's shape.</summary>
    private static string TransactionJson(DeadLetter letter) => CrudJsonWriter.ToJson(letter.Transaction);
}
