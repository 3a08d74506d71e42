namespace PowerSync.Backend.Relational.Planning;

/// <summary>A table or column is not in the cached catalog: worth one catalog reload before refusing.</summary>
internal sealed class SchemaMissException(int entryIndex, string message) : Exception(message)
{
    /// <summary>The index of the entry that named it, in the planned transaction.</summary>
    public int EntryIndex { get; } = entryIndex;
}
