using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.MySql.Tests.Conformance;

public sealed class MySqlDeleteTests() : DeleteConformance(new MySqlConformanceDatabase());
