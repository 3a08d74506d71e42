using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.MySql.Tests.Conformance;

public sealed class MySqlRetryTests() : RetryConformance(new MySqlConformanceDatabase());
