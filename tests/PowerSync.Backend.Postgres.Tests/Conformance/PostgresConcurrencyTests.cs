using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.Postgres.Tests.Conformance;

public sealed class PostgresConcurrencyTests() : ConcurrencyConformance(new PostgresConformanceDatabase());
