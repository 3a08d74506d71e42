using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Testing;

/// <summary>A transaction the <see cref="InMemoryStore"/> committed, for assertions.</summary>
/// <param name="UserId">The user who sent it.</param>
/// <param name="ClientId">The client that sent it.</param>
/// <param name="Transaction">The entries as applied (mapped, after conflict hooks).</param>
/// <param name="Attempt">Which attempt committed it (1 for the first).</param>
public sealed record AppliedTransaction(string? UserId, string? ClientId, CrudTransaction Transaction, int Attempt);
