namespace PowerSync.Backend.MySql.Sql;

/// <summary>How big one multi-row statement may grow before the builder starts another.</summary>
/// <param name="MaxRows">The most rows (entries).</param>
/// <param name="MaxParameters">The most parameters.</param>
/// <param name="MaxBytes">The most bytes of values, counted as the escaped text the server receives at worst.</param>
internal readonly record struct MySqlStatementLimits(int MaxRows, int MaxParameters, long MaxBytes);
