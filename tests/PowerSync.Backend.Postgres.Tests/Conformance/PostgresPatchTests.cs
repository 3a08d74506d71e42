using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.Postgres.Tests.Conformance;

public sealed class PostgresPatchTests() : PatchConformance(new PostgresConformanceDatabase());
