using System.Text.Json;

namespace PowerSync.Backend.Core.Errors;

/// <summary>
/// Thrown by hooks or appliers to refuse a write permanently with a stable code: the transaction is
/// rolled back, recorded as a dead letter and reported as <c>fatal_error</c>. Never retried.
/// </summary>
public sealed class CrudRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorCode">The code reported to the client (see <see cref="ErrorCodes"/>).</param>
    /// <param name="message">What is wrong; sent to the client, so it must not leak internals.</param>
    /// <param name="operationIndex">The index of the failing entry in its transaction, when known.</param>
    public CrudRejectedException(string errorCode, string message, int? operationIndex = null)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ErrorCode = errorCode;
        OperationIndex = operationIndex;
    }

    /// <summary>The code reported to the client.</summary>
    public string ErrorCode { get; }

    /// <summary>The index of the failing entry in its transaction, when known.</summary>
    public int? OperationIndex { get; }

    /// <summary>Application-defined JSON sent to the client as <c>failed_operation.details</c>.</summary>
    public JsonElement? Details { get; init; }

    /// <summary>Whether the client must decide what to do (the transaction stays in its queue, the batch stops).</summary>
    public bool RequiresClientHandling { get; init; }
}
