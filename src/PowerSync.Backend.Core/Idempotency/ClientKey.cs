namespace PowerSync.Backend.Core.Idempotency;

/// <summary>Whose ledger position: one PowerSync client (database instance) of one user.</summary>
/// <param name="UserId">The user id; empty for anonymous development uploads.</param>
/// <param name="ClientId">The PowerSync client id.</param>
public readonly record struct ClientKey(string UserId, string ClientId);
