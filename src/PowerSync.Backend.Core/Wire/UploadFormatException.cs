namespace PowerSync.Backend.Core.Wire;

/// <summary>
/// A request body could not be read as an upload. Nothing from it has been applied. The message names
/// the JSON path (and, when known, the transaction and entry index) and the reason.
/// </summary>
public sealed class UploadFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The kind of problem.</param>
    /// <param name="path">The JSON path of the offending value, such as <c>$.transactions[1].crud[3].op</c>.</param>
    /// <param name="reason">What is wrong, in a sentence.</param>
    /// <param name="transactionIndex">The index of the transaction in the request, when known.</param>
    /// <param name="entryIndex">The index of the entry within its transaction (or batch), when known.</param>
    /// <param name="innerException">The reader's exception, for malformed JSON.</param>
    public UploadFormatException(UploadFormatError error, string path, string reason, int? transactionIndex = null, int? entryIndex = null, Exception? innerException = null)
        : base($"{path}: {reason}", innerException)
    {
        Error = error;
        Path = path;
        Reason = reason;
        TransactionIndex = transactionIndex;
        EntryIndex = entryIndex;
    }

    /// <summary>The kind of problem.</summary>
    public UploadFormatError Error { get; }

    /// <summary>The JSON path of the offending value.</summary>
    public string Path { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    /// <summary>The index of the transaction in the request, when known.</summary>
    public int? TransactionIndex { get; }

    /// <summary>The index of the entry within its transaction or batch, when known.</summary>
    public int? EntryIndex { get; }
}
