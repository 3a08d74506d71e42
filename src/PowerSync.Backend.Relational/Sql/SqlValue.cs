namespace PowerSync.Backend.Relational.Sql;

/// <summary>One parameter of a <see cref="SqlStatement"/>: a value and its type, and a name for dialects with named parameters.</summary>
/// <param name="Type">The type.</param>
/// <param name="Value">The value (<see langword="null"/> for SQL NULL).</param>
/// <param name="Name">The name the statement's text uses, or <see langword="null"/> for positional parameters.</param>
internal readonly record struct SqlValue(SqlValueType Type, object? Value, string? Name = null)
{
    /// <summary>Text.</summary>
    public static SqlValue Text(string? value, string? name = null) => new(SqlValueType.Text, value, name);

    /// <summary>A 32-bit integer.</summary>
    public static SqlValue Int32(int? value, string? name = null) => new(SqlValueType.Int32, value, name);

    /// <summary>A 64-bit integer.</summary>
    public static SqlValue Int64(long? value, string? name = null) => new(SqlValueType.Int64, value, name);

    /// <summary>JSON text.</summary>
    public static SqlValue Json(string? value, string? name = null) => new(SqlValueType.Json, value, name);

    /// <summary>An instant.</summary>
    public static SqlValue Instant(DateTimeOffset value, string? name = null) => new(SqlValueType.Instant, value, name);

    /// <summary>An array of text.</summary>
    public static SqlValue TextArray(string?[] values, string? name = null) => new(SqlValueType.TextArray, values, name);
}
