using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.MySql.Tests.Conformance;

public sealed class MySqlIdempotencyTests() : IdempotencyConformance(new MySqlConformanceDatabase());
