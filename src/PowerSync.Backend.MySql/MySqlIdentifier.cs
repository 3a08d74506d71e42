namespace PowerSync.Backend.MySql;

/// <summary>MySQL's identifier quoting: backticks, with a backtick inside the name doubled.</summary>
internal static class MySqlIdentifier
{
    /// <summary>Quotes <paramref name="name"/>.</summary>
    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
    }
}
