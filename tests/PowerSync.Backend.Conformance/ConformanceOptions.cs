namespace PowerSync.Backend.Conformance;

/// <summary>
/// Provider-neutral names for the provider options the suites exercise; each <see cref="ConformanceDatabase"/>
/// maps them onto its own options class.
/// </summary>
public sealed class ConformanceOptions
{
    /// <summary>Tables where PUT replaces the whole row (omitted columns go back to their defaults) instead of merging.</summary>
    public ISet<string> ReplaceOnPut { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether a PATCH of a missing row inserts it.</summary>
    /// <value><see langword="false"/>: a no-op.</value>
    public bool PatchInsertsMissingRows { get; set; }

    /// <summary>Whether unknown columns are dropped instead of refused with <c>SCHEMA_MISMATCH</c>.</summary>
    /// <value><see langword="false"/>.</value>
    public bool IgnoreUnknownColumns { get; set; }

    /// <summary>The session setting (or variable) that receives the user id in each transaction, for row-level security.</summary>
    /// <value><see langword="null"/>: none.</value>
    public string? UserIdSetting { get; set; }
}
