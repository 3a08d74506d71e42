using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.SqlServer.Tests.Conformance;

[RequiresSqlServer]
public sealed class SqlServerSchemaTests() : SchemaConformance(new SqlServerConformanceDatabase());
