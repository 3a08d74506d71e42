using System.Text.Json;

namespace PowerSync.Backend.Core.Results;

/// <summary>Why a transaction was refused (<c>failed_operation</c> in the reference write API).</summary>
/// <param name="ErrorCode">The stable code (see <see cref="Errors.ErrorCodes"/>).</param>
/// <param name="Message">What is wrong, for people.</param>
public sealed record FailedOperation(string ErrorCode, string? Message)
{
    /// <summary>The zero-based index of the failing entry in the transaction as the client sent it; absent for transaction-level failures.</summary>
    public int? OperationIndex { get; init; }

    /// <summary>Application-defined JSON for the client.</summary>
    public JsonElement? Details { get; init; }
}
