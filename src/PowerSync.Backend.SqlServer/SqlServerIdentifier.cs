namespace PowerSync.Backend.SqlServer;

/// <summary>Quotes SQL Server identifiers. Only names resolved against the catalog or configuration reach it.</summary>
internal static class SqlServerIdentifier
{
    /// <summary>Quotes <paramref name="name"/> as a bracketed identifier (<c>]</c> doubled).</summary>
    public static string Quote(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An identifier cannot contain a NUL character.", nameof(name));
        }

        return "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";
    }
}
