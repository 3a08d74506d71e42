namespace PowerSync.Backend.Relational.Schema;

/// <summary>One column as a dialect's catalog reader describes it.</summary>
/// <param name="Name">The column name.</param>
/// <param name="QuotedName">The name quoted by the dialect's quoter: the only spelling that reaches SQL.</param>
/// <param name="StoreType">The type as the database spells it, used in casts and in error messages.</param>
/// <param name="Kind">How client values are converted.</param>
/// <param name="NotNull">Whether the column refuses NULL.</param>
/// <param name="IsGenerated">Whether the column is generated (never written).</param>
internal sealed record RelationalColumn(string Name, string QuotedName, string StoreType, ColumnKind Kind, bool NotNull, bool IsGenerated)
{
    /// <summary>The length limit of bounded character types, in characters (Unicode scalar values).</summary>
    public int? MaxLength { get; init; }

    /// <summary>
    /// Whether <see cref="MaxLength"/> counts UTF-16 code units (SQL Server's <c>nvarchar(n)</c>) instead of characters:
    /// a character outside the Basic Multilingual Plane then counts twice.
    /// </summary>
    public bool LengthInUtf16 { get; init; }

    /// <summary>The labels of an enum column (or of an enum array's elements).</summary>
    public IReadOnlySet<string>? EnumLabels { get; init; }

    /// <summary>Whether an insert that omits the column stores something other than NULL (a default or an identity).</summary>
    public bool HasDefault { get; init; }

    /// <summary>The element kind of an array column.</summary>
    public ColumnKind ElementKind { get; init; }

    /// <summary>The bounds of an integer column, or of an integer array's elements.</summary>
    public IntegerRange Range { get; init; } = IntegerRange.Int64;
}
