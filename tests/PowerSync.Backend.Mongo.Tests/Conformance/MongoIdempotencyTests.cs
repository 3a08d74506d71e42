using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.Mongo.Tests.Conformance;

[NotApplicable(nameof(IdempotencyConformance.A_rejected_transaction_advances_the_ledger_and_is_dead_lettered_once), NotApplicable.NoForeignKeys)]
public sealed class MongoIdempotencyTests() : IdempotencyConformance(new MongoConformanceDatabase());
