namespace PowerSync.Backend.Core.Wire;

/// <summary>How large an upload may be. Anything past a limit is refused before it is applied.</summary>
public sealed class UploadLimits
{
    /// <summary>The most transactions in one request of the reference shape (<c>{"transactions":[…]}</c>).</summary>
    /// <value>50, as in PowerSync's reference write API.</value>
    /// <remarks>
    /// Not applied to the classic <c>batch</c> and bare-array shapes: their clients cut batches by entry
    /// count, and refusing a well-formed batch would block their queue for ever.
    /// </remarks>
    public int MaxTransactions { get; set; } = 50;

    /// <summary>The most entries in one request, across all its transactions.</summary>
    /// <value>10,000.</value>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>The most bytes in one request body.</summary>
    /// <value>10 MiB.</value>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The deepest nesting of JSON containers in a request, counting the request's own structure.</summary>
    /// <value>32: the deepest request shape uses 6 levels, leaving 26 for nested values.</value>
    public int MaxDepth { get; set; } = 32;
}
