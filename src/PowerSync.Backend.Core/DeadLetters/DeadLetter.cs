using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Results;

namespace PowerSync.Backend.Core.DeadLetters;

/// <summary>A rejected client transaction, kept whole so that nothing a client sent is lost.</summary>
/// <param name="UserId">The user who sent it.</param>
/// <param name="ClientId">The PowerSync client that sent it.</param>
/// <param name="Transaction">The transaction as the client sent it (before mapping).</param>
/// <param name="Error">Why it was rejected; the operation index refers to <paramref name="Transaction"/>.</param>
/// <param name="OccurredAt">When it was rejected.</param>
public sealed record DeadLetter(string? UserId, string? ClientId, CrudTransaction Transaction, FailedOperation Error, DateTimeOffset OccurredAt)
{
    /// <summary>The client's ledger key, when the upload carried a client id.</summary>
    public ClientKey? Client => ClientId is null ? null : new ClientKey(UserId ?? string.Empty, ClientId);
}
