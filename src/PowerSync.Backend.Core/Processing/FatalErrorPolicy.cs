namespace PowerSync.Backend.Core.Processing;

/// <summary>What the rest of an upload does after a transaction is refused (and dead-lettered).</summary>
public enum FatalErrorPolicy
{
    /// <summary>Report the remaining transactions as <c>not_attempted</c>; the client re-sends them. PowerSync's reference default.</summary>
    Stop,

    /// <summary>Go on with the next transaction.</summary>
    Skip,
}
