namespace PowerSync.Backend.Core.Model;

/// <summary>One upload request: whose it is and the client transactions it carries, in queue order.</summary>
public sealed class CrudUpload
{
    /// <summary>Creates an upload.</summary>
    /// <param name="userId">The authenticated user (from the host's request context, never from the body).</param>
    /// <param name="clientId">The PowerSync client id (<c>db.getClientId()</c>), when the client sent one.</param>
    /// <param name="transactions">The transactions, in queue order.</param>
    public CrudUpload(string? userId, string? clientId, IReadOnlyList<CrudTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        UserId = userId;
        ClientId = string.IsNullOrEmpty(clientId) ? null : clientId;
        Transactions = transactions;
    }

    /// <summary>The authenticated user id (<c>sub</c>).</summary>
    /// <value><see langword="null"/> for anonymous development uploads.</value>
    public string? UserId { get; }

    /// <summary>The PowerSync client id; without one, uploads are not de-duplicated by the ledger.</summary>
    public string? ClientId { get; }

    /// <summary>The transactions, in the client's queue order.</summary>
    public IReadOnlyList<CrudTransaction> Transactions { get; }

    /// <summary>
    /// Overrides <see cref="Processing.PowerSyncBackendOptions.OnFatalError"/> for this upload, for hosts that know
    /// better: a classic connector without a client id, for instance, must never be stopped by a refusal, since
    /// without a ledger the refused transaction would be refused again on every re-send.
    /// </summary>
    /// <value><see langword="null"/>: the configured policy.</value>
    public Processing.FatalErrorPolicy? OnFatalError { get; init; }
}
