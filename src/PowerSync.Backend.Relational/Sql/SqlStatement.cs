namespace PowerSync.Backend.Relational.Sql;

/// <summary>One statement: its SQL, its parameters in order, and which entries of the applied transaction it applies.</summary>
/// <param name="Sql">The SQL, in the dialect, with the dialect's parameter placeholders.</param>
/// <param name="Parameters">The parameters, in placeholder order.</param>
/// <param name="Entries">The indexes of the entries it applies, in the applied transaction; empty for the ledger's own statements.</param>
internal sealed record SqlStatement(string Sql, SqlValue[] Parameters, int[] Entries)
{
    /// <summary>A statement that applies no entry (ledger, dead letters, settings).</summary>
    /// <param name="sql">The SQL.</param>
    /// <param name="parameters">The parameters.</param>
    public SqlStatement(string sql, params SqlValue[] parameters)
        : this(sql, parameters, [])
    {
    }
}
