namespace PowerSync.Backend.Mongo.Translation;

/// <summary>Which database, collection and field names MongoDB can take without their meaning changing.</summary>
internal static class MongoNames
{
    /// <summary>
    /// A field name usable as an update-operator key: not empty, no leading <c>$</c> (an operator), no <c>.</c>
    /// (a path), no NUL (BSON keys end at NUL), valid UTF-16.
    /// </summary>
    public static bool IsWritableField(string name) =>
        name.Length > 0 && name[0] != '$' && !name.Contains('.', StringComparison.Ordinal) && !name.Contains('\0', StringComparison.Ordinal) && IsWellFormed(name);

    /// <summary>A key of an embedded document: no leading <c>$</c> (it would read as an operator or an Extended JSON type), no NUL.</summary>
    public static bool IsEmbeddedKey(string name) =>
        (name.Length == 0 || name[0] != '$') && !name.Contains('\0', StringComparison.Ordinal) && IsWellFormed(name);

    /// <summary>A collection name: not empty, no <c>$</c> or NUL, not a <c>system.</c> collection.</summary>
    public static bool IsCollection(string name) =>
        name.Length > 0 && !name.Contains('$', StringComparison.Ordinal) && !name.Contains('\0', StringComparison.Ordinal)
        && !name.StartsWith("system.", StringComparison.Ordinal) && IsWellFormed(name);

    /// <summary>A database name: 1–63 characters, none of <c>/\. "$*&lt;&gt;:|?</c> or NUL.</summary>
    public static bool IsDatabase(string name) =>
        name.Length is > 0 and < 64 && name.IndexOfAny(['/', '\\', '.', ' ', '"', '$', '*', '<', '>', ':', '|', '?', '\0']) < 0;

    /// <summary>Whether text is valid UTF-16 (no lone surrogates), so that it has a UTF-8 form for BSON.</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
