namespace PowerSync.Backend.Postgres.Schema;

/// <summary>A table clients may write: its columns, and the single-column primary key that holds row ids.</summary>
internal sealed class PostgresTable
{
    public PostgresTable(string schema, string name, PostgresColumn id, IReadOnlyList<PostgresColumn> columns)
    {
        Name = name;
        QualifiedName = PostgresIdentifier.Quote(schema) + "." + PostgresIdentifier.Quote(name);
        Id = id;
        Columns = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Writable = columns.Where(c => !c.IsGenerated && !ReferenceEquals(c, id)).ToArray();
        _ordinals = columns.Select((c, i) => (c.Name, i)).ToDictionary(c => c.Name, c => c.i, StringComparer.Ordinal);
    }

    private readonly Dictionary<string, int> _ordinals;

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>The schema-qualified, quoted name.</summary>
    public string QualifiedName { get; }

    /// <summary>The id column.</summary>
    public PostgresColumn Id { get; }

    /// <summary>Every column by name.</summary>
    public IReadOnlyDictionary<string, PostgresColumn> Columns { get; }

    /// <summary>The columns a write may set: all but the id and generated columns.</summary>
    public IReadOnlyList<PostgresColumn> Writable { get; }

    /// <summary>The column's position in the table.</summary>
    public int OrdinalOf(PostgresColumn column) => _ordinals[column.Name];
}
