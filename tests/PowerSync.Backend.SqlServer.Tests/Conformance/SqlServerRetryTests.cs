using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.SqlServer.Tests.Conformance;

[RequiresSqlServer]
public sealed class SqlServerRetryTests() : RetryConformance(new SqlServerConformanceDatabase());
