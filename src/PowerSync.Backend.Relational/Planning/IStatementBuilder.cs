using PowerSync.Backend.Relational.Sql;

namespace PowerSync.Backend.Relational.Planning;

/// <summary>
/// A dialect's statement generator: the SQL that applies one run of same-shaped entries. Only quoted catalog names
/// (<see cref="Schema.RelationalColumn.QuotedName"/>, <see cref="Schema.RelationalTable.QualifiedName"/>) may reach
/// the SQL, and values always travel as parameters.
/// </summary>
internal interface IStatementBuilder
{
    /// <summary>
    /// Appends the statements that apply <paramref name="run"/>, in order: usually one; none when there is nothing to
    /// do (an empty PATCH); several when a statement would exceed the database's limits (parameters, packet size).
    /// Each statement lists the entries it applies, which names the failing entry when one fails.
    /// </summary>
    /// <param name="run">The entries.</param>
    /// <param name="statements">
    /// The statements planned so far for the transaction; its count is a position unique in the plan, for dialects
    /// whose parameter names must not repeat across the statements of one command text.
    /// </param>
    void Build(EntryRun run, List<SqlStatement> statements);
}
