namespace PowerSync.Backend.Conformance;

/// <summary>A dead letter as a provider stored it, read back for assertions.</summary>
/// <param name="UserId">The user who sent the transaction.</param>
/// <param name="ClientId">The client that sent it.</param>
/// <param name="TransactionId">The client's transaction id.</param>
/// <param name="ErrorCode">The stable error code.</param>
/// <param name="OperationIndex">The failing entry's index in the transaction as the client sent it.</param>
/// <param name="EntryCount">How many entries the stored transaction holds (it is kept whole).</param>
public sealed record ConformanceDeadLetter(string? UserId, string? ClientId, long? TransactionId, string ErrorCode, int? OperationIndex, int EntryCount);
