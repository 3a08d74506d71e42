using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Wire;

/// <summary>What a request body held, before the host adds who sent it.</summary>
/// <param name="Shape">The request shape.</param>
/// <param name="ClientId">The PowerSync client id found in the body (<c>client_id</c>), if any.</param>
/// <param name="Transactions">The client transactions, in order.</param>
/// <param name="EntryCount">The number of entries across all transactions.</param>
public sealed record ParsedUpload(RequestShape Shape, string? ClientId, IReadOnlyList<CrudTransaction> Transactions, int EntryCount)
{
    /// <summary>Builds the upload to process.</summary>
    /// <param name="userId">The authenticated user.</param>
    /// <param name="clientId">The client id from the request headers; takes precedence over the body's.</param>
    /// <returns>The upload.</returns>
    public CrudUpload ToUpload(string? userId, string? clientId = null) =>
        new(userId, string.IsNullOrEmpty(clientId) ? ClientId : clientId, Transactions);
}
