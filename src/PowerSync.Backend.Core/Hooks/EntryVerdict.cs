using System.Text.Json;
using PowerSync.Backend.Core.Errors;

namespace PowerSync.Backend.Core.Hooks;

/// <summary>An authorization or validation hook's answer for one entry.</summary>
public readonly record struct EntryVerdict
{
    /// <summary>Let the entry through.</summary>
    public static EntryVerdict Accept => default;

    /// <summary>Whether the entry may proceed.</summary>
    public bool IsAccepted => ErrorCode is null;

    /// <summary>The code reported when the entry is refused.</summary>
    public string? ErrorCode { get; private init; }

    /// <summary>Why the entry is refused; sent to the client.</summary>
    public string? Message { get; private init; }

    /// <summary>Application-defined JSON sent to the client with the refusal.</summary>
    public JsonElement? Details { get; init; }

    /// <summary>Whether the client must decide about the refused transaction (it stays queued and the batch stops).</summary>
    public bool RequiresClientHandling { get; init; }

    /// <summary>Refuses the entry with a code of your choice.</summary>
    /// <param name="errorCode">The code.</param>
    /// <param name="message">Why; sent to the client.</param>
    /// <returns>The verdict.</returns>
    public static EntryVerdict Reject(string errorCode, string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        return new EntryVerdict { ErrorCode = errorCode, Message = message };
    }

    /// <summary>Refuses the entry as <see cref="ErrorCodes.Unauthorized"/>.</summary>
    /// <param name="message">Why; sent to the client.</param>
    /// <returns>The verdict.</returns>
    public static EntryVerdict Unauthorized(string message) => Reject(ErrorCodes.Unauthorized, message);

    /// <summary>Refuses the entry as <see cref="ErrorCodes.ValidationFailed"/>.</summary>
    /// <param name="message">Why; sent to the client.</param>
    /// <returns>The verdict.</returns>
    public static EntryVerdict Invalid(string message) => Reject(ErrorCodes.ValidationFailed, message);
}
