using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.SqlServer.Tests.Conformance;

[RequiresSqlServer]
[Differs(nameof(IdempotencyConformance.A_rejected_transaction_advances_the_ledger_and_is_dead_lettered_once), Differs.ForeignKeyIs547)]
public sealed class SqlServerIdempotencyTests() : IdempotencyConformance(new SqlServerConformanceDatabase());
