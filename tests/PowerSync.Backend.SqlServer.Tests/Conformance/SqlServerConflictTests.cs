using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.SqlServer.Tests.Conformance;

[RequiresSqlServer]
[Differs(nameof(ConflictConformance.A_refusal_after_skipped_entries_still_names_the_entry_as_sent), Differs.ForeignKeyIs547)]
public sealed class SqlServerConflictTests() : ConflictConformance(new SqlServerConformanceDatabase());
