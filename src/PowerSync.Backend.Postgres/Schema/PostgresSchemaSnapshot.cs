namespace PowerSync.Backend.Postgres.Schema;

/// <summary>The writable tables of the configured schema at one moment, and why other tables are not writable.</summary>
/// <param name="Tables">The writable tables by name.</param>
/// <param name="Refused">Tables that exist but cannot be written, with the reason.</param>
internal sealed record PostgresSchemaSnapshot(IReadOnlyDictionary<string, PostgresTable> Tables, IReadOnlyDictionary<string, string> Refused);
