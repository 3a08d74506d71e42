namespace PowerSync.Backend.Relational.Schema;

/// <summary>A table clients may write: its columns, and the single-column primary key that holds row ids.</summary>
internal sealed class RelationalTable
{
    private readonly Dictionary<string, int> _ordinals;

    /// <summary>Creates the table.</summary>
    /// <param name="name">The table name.</param>
    /// <param name="qualifiedName">The qualified name, quoted by the dialect.</param>
    /// <param name="id">The id column (one of <paramref name="columns"/>).</param>
    /// <param name="columns">Every column, in table order.</param>
    public RelationalTable(string name, string qualifiedName, RelationalColumn id, IReadOnlyList<RelationalColumn> columns)
    {
        Name = name;
        QualifiedName = qualifiedName;
        Id = id;
        Columns = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Writable = columns.Where(c => !c.IsGenerated && !ReferenceEquals(c, id)).ToArray();
        _ordinals = columns.Select((c, i) => (c.Name, i)).ToDictionary(c => c.Name, c => c.i, StringComparer.Ordinal);
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>The qualified, quoted name.</summary>
    public string QualifiedName { get; }

    /// <summary>The id column.</summary>
    public RelationalColumn Id { get; }

    /// <summary>Every column by name.</summary>
    public IReadOnlyDictionary<string, RelationalColumn> Columns { get; }

    /// <summary>The columns a write may set: all but the id and generated columns, in table order.</summary>
    public IReadOnlyList<RelationalColumn> Writable { get; }

    /// <summary>The column's position in the table.</summary>
    public int OrdinalOf(RelationalColumn column) => _ordinals[column.Name];
}
