namespace PowerSync.Backend.Core.Model;

/// <summary>One write from a client's upload queue: an operation on one row.</summary>
/// <param name="Operation">What was done.</param>
/// <param name="Table">The table (as the client names it, until a mapping hook renames it).</param>
/// <param name="Id">The row id, always text (numeric ids are converted).</param>
public sealed record CrudEntry(CrudOperation Operation, string Table, string Id)
{
    /// <summary>
    /// The values written: every non-null column for <see cref="CrudOperation.Put"/>, the changed
    /// columns for <see cref="CrudOperation.Patch"/> (possibly none). Never contains <c>id</c>.
    /// </summary>
    /// <value>Empty for <see cref="CrudOperation.Delete"/>.</value>
    public CrudData Data { get; init; } = CrudData.Empty;

    /// <summary>The row's values before the change, when the table tracks previous values.</summary>
    /// <value><see langword="null"/> when the client sent none.</value>
    public CrudData? Previous { get; init; }

    /// <summary>The client's metadata for this write, when the table tracks metadata.</summary>
    public string? Metadata { get; init; }

    /// <summary>The client's upload-queue id (<c>op_id</c>), increasing in queue order.</summary>
    public long? OperationId { get; init; }

    /// <summary>The client's local transaction id (<c>tx_id</c>).</summary>
    public long? TransactionId { get; init; }
}
