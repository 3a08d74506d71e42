using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.MySql.Tests.Conformance;

public sealed class MySqlConflictTests() : ConflictConformance(new MySqlConformanceDatabase());
