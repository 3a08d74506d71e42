using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.SqlServer.Tests.Conformance;

[RequiresSqlServer]
public sealed class SqlServerConcurrencyTests() : ConcurrencyConformance(new SqlServerConformanceDatabase());
