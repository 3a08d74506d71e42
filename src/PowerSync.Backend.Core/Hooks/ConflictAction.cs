namespace PowerSync.Backend.Core.Hooks;

/// <summary>What happens to an entry that a conflict check looked at.</summary>
public enum ConflictAction
{
    /// <summary>Apply it.</summary>
    Apply,

    /// <summary>Drop it and keep the stored row; the transaction succeeds (the server's state wins).</summary>
    Skip,

    /// <summary>Refuse the whole transaction as a <c>CONFLICT</c>; it is rolled back and dead-lettered.</summary>
    Reject,
}
