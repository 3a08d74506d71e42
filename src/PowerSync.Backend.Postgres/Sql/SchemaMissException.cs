namespace PowerSync.Backend.Postgres.Sql;

/// <summary>A table or column is not in the cached schema: worth one catalog reload before refusing.</summary>
internal sealed class SchemaMissException(int entryIndex, string message) : Exception(message)
{
    public int EntryIndex { get; } = entryIndex;
}
