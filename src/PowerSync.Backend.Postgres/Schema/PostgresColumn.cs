namespace PowerSync.Backend.Postgres.Schema;

/// <summary>One column as the catalog describes it.</summary>
/// <param name="Name">The column name.</param>
/// <param name="SqlType">The type as <c>format_type</c> spells it (already quoted where needed), used in casts.</param>
/// <param name="Kind">How values are converted.</param>
/// <param name="NotNull">Whether the column refuses NULL.</param>
/// <param name="IsGenerated">Whether the column is generated (never written).</param>
internal sealed record PostgresColumn(string Name, string SqlType, PostgresTypeKind Kind, bool NotNull, bool IsGenerated)
{
    /// <summary>The length limit of <c>varchar(n)</c> / <c>char(n)</c>, in characters.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The labels of an enum column (or of an enum array's elements).</summary>
    public IReadOnlySet<string>? EnumLabels { get; init; }

    /// <summary>Whether an insert that omits the column stores something other than NULL (a default or an identity).</summary>
    public bool HasDefault { get; init; }

    /// <summary>The element kind of an array column.</summary>
    public PostgresTypeKind ElementKind { get; init; }

    /// <summary>The column name, quoted.</summary>
    public string QuotedName { get; } = PostgresIdentifier.Quote(Name);
}
