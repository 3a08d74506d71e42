using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.MySql.Tests.Conformance;

public sealed class MySqlTransactionTests() : TransactionConformance(new MySqlConformanceDatabase());
