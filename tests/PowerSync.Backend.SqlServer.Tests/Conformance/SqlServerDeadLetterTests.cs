using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.SqlServer.Tests.Conformance;

[RequiresSqlServer]
[Differs(nameof(DeadLetterConformance.A_rejection_without_a_client_id_is_kept_without_one), Differs.ForeignKeyIs547)]
[Differs(nameof(DeadLetterConformance.A_refusal_the_client_must_handle_is_not_dead_lettered_and_does_not_advance_the_ledger), Differs.ForeignKeyIs547)]
[Differs(nameof(DeadLetterConformance.The_index_refers_to_the_transaction_as_sent_even_when_mapping_dropped_entries), Differs.ForeignKeyIs547)]
public sealed class SqlServerDeadLetterTests() : DeadLetterConformance(new SqlServerConformanceDatabase());
