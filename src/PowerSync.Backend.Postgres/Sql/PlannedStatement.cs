namespace PowerSync.Backend.Postgres.Sql;

/// <summary>One set-based statement: its SQL, one text array per parameter (one element per entry), and which entries it applies.</summary>
/// <param name="Sql">The SQL, with <c>$1…$n</c> text-array parameters.</param>
/// <param name="Parameters">The parameter arrays.</param>
/// <param name="Entries">The indexes of the entries it applies, in the applied transaction.</param>
internal sealed record PlannedStatement(string Sql, string?[][] Parameters, int[] Entries);
