using System.Globalization;
using System.Text.Json;

namespace PowerSync.Backend.Mongo;

/// <summary>
/// A MongoDB command failed: the server answered <c>ok: 0</c>, reported a write error or a write-concern error,
/// or the connection failed. Carries what <see cref="MongoErrorClassifier"/> judges by: the error code and the
/// error labels, never the message text.
/// </summary>
/// <remarks>
/// The server's message (<see cref="ServerMessage"/>) may quote stored values (a duplicate key, for example), so
/// it is kept apart from <see cref="Exception.Message"/>, which is logged.
/// </remarks>
public sealed class MongoCommandFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The server's error code (0 when there is none, as for a network error).</param>
    /// <param name="codeName">The code's name, such as <c>DuplicateKey</c>.</param>
    /// <param name="errorLabels">The error labels, such as <c>TransientTransactionError</c>.</param>
    /// <param name="commandName">The command that failed.</param>
    /// <param name="writeErrorIndex">For a write error, the index of the failing statement in the command's ordered batch.</param>
    /// <param name="serverMessage">The server's message (not logged).</param>
    /// <param name="innerException">The driver's exception, if any.</param>
    public MongoCommandFailedException(int code, string? codeName = null, IEnumerable<string>? errorLabels = null, string? commandName = null, int? writeErrorIndex = null, string? serverMessage = null, Exception? innerException = null)
        : base(Describe(code, codeName, commandName, writeErrorIndex), innerException)
    {
        Code = code;
        CodeName = codeName;
        ErrorLabels = errorLabels?.ToArray() ?? [];
        CommandName = commandName;
        WriteErrorIndex = writeErrorIndex;
        ServerMessage = serverMessage;
    }

    /// <summary>The server's error code; 0 when there is none.</summary>
    public int Code { get; }

    /// <summary>The code's name, when the server sent it.</summary>
    public string? CodeName { get; }

    /// <summary>The error labels (<c>TransientTransactionError</c>, <c>RetryableWriteError</c>, <c>UnknownTransactionCommitResult</c>, …).</summary>
    public IReadOnlyList<string> ErrorLabels { get; }

    /// <summary>The command that failed, when known.</summary>
    public string? CommandName { get; }

    /// <summary>For a write error, the index of the failing statement in its command's ordered batch.</summary>
    public int? WriteErrorIndex { get; }

    /// <summary>The server's message; may quote stored values, so it is not part of <see cref="Exception.Message"/>.</summary>
    public string? ServerMessage { get; }

    /// <summary>Whether the error carries a label.</summary>
    /// <param name="label">The label.</param>
    /// <returns>Whether it does.</returns>
    public bool HasErrorLabel(string label) => ErrorLabels.Contains(label, StringComparer.Ordinal);

    /// <summary>Reads a failed reply (<c>{ok: 0, code, codeName, errmsg, errorLabels}</c>, as Extended JSON), for executors.</summary>
    /// <param name="reply">The reply document.</param>
    /// <param name="commandName">The command that failed.</param>
    /// <param name="innerException">The driver's exception, if any.</param>
    /// <returns>The exception to throw.</returns>
    public static MongoCommandFailedException FromReply(string reply, string? commandName = null, Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        using var document = JsonDocument.Parse(reply);
        var root = document.RootElement;
        var labels = root.TryGetProperty("errorLabels", out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()!).ToArray()
            : [];
        return new MongoCommandFailedException(ReadInt(root, "code") ?? 0, ReadString(root, "codeName"), labels, commandName, null, ReadString(root, "errmsg"), innerException);
    }

    private static string Describe(int code, string? codeName, string? commandName, int? writeErrorIndex) =>
        $"MongoDB command '{commandName ?? "?"}' failed with code {code.ToString(CultureInfo.InvariantCulture)}"
        + (codeName is null ? string.Empty : $" ({codeName})")
        + (writeErrorIndex is { } index ? $" at statement {index.ToString(CultureInfo.InvariantCulture)}" : string.Empty);

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? ReadInt(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        // Canonical Extended JSON wraps the number: {"$numberInt": "11000"}.
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("$numberInt", out var wrapped))
        {
            value = wrapped;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }
}
