using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.SqlServer.Tests.Conformance;

[RequiresSqlServer]
public sealed class SqlServerIdentifierTests() : IdentifierConformance(new SqlServerConformanceDatabase());
